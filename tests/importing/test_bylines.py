import pytest

from articles.importing.bylines import split_names


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Agustinus Tanggur", ["Agustinus Tanggur"]),
        (
            "Agustinus Tanggur, Gecio Viana dan Oby Lewanmeru",
            ["Agustinus Tanggur", "Gecio Viana", "Oby Lewanmeru"],
        ),
        ("Kornelis Kaha/Bernadus Tokan", ["Kornelis Kaha", "Bernadus Tokan"]),
        ("Kornelis Kaha & Daniel Ratu", ["Kornelis Kaha", "Daniel Ratu"]),
        ("  Agustinus  Tanggur , ", ["Agustinus Tanggur"]),
        ("", []),
    ],
)
def test_it_splits_credits_into_names_in_order(names: str, expected: list[str]) -> None:
    assert split_names(names) == expected
