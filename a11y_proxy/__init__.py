"""a11y-proxy: an accessibility reverse proxy for Chinese government portals."""

__version__ = "0.1.0"
