"""The web layer: Starlette routes that call the pipeline. The pipeline never imports this."""
