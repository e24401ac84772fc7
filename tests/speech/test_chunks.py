from a11y_proxy.speech.chunks import HARD_MAX_CHARS, language_runs, split_sentences


def test_sentences_are_cut_at_chinese_and_latin_punctuation_with_offsets() -> None:
    text = "第一句。第二句!Third one. 第四句?"
    chunks = split_sentences(text)
    assert [c.text for c in chunks] == ["第一句。", "第二句!", "Third one.", "第四句?"]
    for c in chunks:
        assert text[c.start : c.end] == c.text


def test_blank_and_punctuation_only_pieces_are_not_chunks() -> None:
    assert split_sentences("  。。\n\n  ") == []


def test_long_sentences_are_cut_at_clause_marks_and_never_exceed_the_hard_limit() -> None:
    text = "为进一步加强政务公开工作," * 20 + "特制定本办法。"
    chunks = split_sentences(text)
    assert len(chunks) > 1
    assert all(len(c.text) <= HARD_MAX_CHARS for c in chunks)
    assert "".join(c.text for c in chunks) == text
    no_punctuation = "政" * 500
    assert all(len(c.text) <= HARD_MAX_CHARS for c in split_sentences(no_punctuation))


def test_latin_words_addresses_and_mails_are_english_runs() -> None:
    runs = language_runs("请登录 www.gov.cn 查询,或发邮件至 zwgk@gov.cn。")
    assert [(r.lang, r.text) for r in runs] == [
        ("zh", "请登录"),
        ("en", "www.gov.cn"),
        ("zh", "查询,或发邮件至"),
        ("en", "zwgk@gov.cn"),
    ]
    assert runs[3].spoken == "zwgk at gov.cn"


def test_unit_symbols_after_numbers_stay_chinese() -> None:
    runs = language_runs("新建道路3.5km,装机200MW。")
    assert [r.lang for r in runs] == ["zh"]
    assert "gong1 li3" in runs[0].spoken and "zhao4 wa3" in runs[0].spoken


def test_numbers_inside_a_url_are_not_normalised() -> None:
    runs = language_runs("访问 http://www.12345.gov.cn/a1 了解")
    assert ("en", "http://www.12345.gov.cn/a1") in [(r.lang, r.text) for r in runs]


def test_a_chunk_with_no_chinese_is_english_whole_figures_included() -> None:
    """An English table cell's spoken form: its figure in English, not in Chinese."""
    runs = language_runs("Three months ended April 30 2013,Notebooks:3,718")
    assert [(r.lang, r.text) for r in runs] == [("en", "Three months ended April 30 2013,Notebooks:3,718")]


def test_numbers_inside_english_stay_english_and_years_before_nian_stay_chinese() -> None:
    assert [(r.lang, r.text) for r in language_runs("iPhone 15 Pro发布")] == [
        ("en", "iPhone 15 Pro"),
        ("zh", "发布"),
    ]
    runs = language_runs("Report 2023年")
    assert [(r.lang, r.text) for r in runs] == [("en", "Report"), ("zh", "2023年")]
    assert runs[1].spoken == "er4 ling2 er4 san1 nian2"
