from articles.importing.errors import ErrorCode, ImportRejected


def test_the_error_codes_are_stable_strings() -> None:
    assert [code.value for code in ErrorCode] == [
        "empty",
        "too_large",
        "binary",
        "not_utf8",
        "unknown_style",
        "no_dateline",
        "no_body",
        "impossible_date",
        "conflict",
        "unreadable",
        "not_text_file",
        "batch_too_large",
        "not_saved",
    ]


def test_a_rejection_carries_its_code_and_sentence() -> None:
    error = ImportRejected(ErrorCode.NO_BODY, "The dateline is not followed by any body text.")
    assert (error.code, error.message) == (
        "no_body",
        "The dateline is not followed by any body text.",
    )
    assert str(error) == "The dateline is not followed by any body text."
