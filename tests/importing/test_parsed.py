from articles.importing.parsed import ParsedArticle


def test_detection_text_joins_editorial_text_and_leaves_out_credits() -> None:
    article = ParsedArticle(
        style="poskupang",
        outlet="Pos-Kupang",
        title="Kelor untuk Warga Kupang",
        title_derived=False,
        dek="Pemkot membagikan bibit.",
        summary_points=["Bibit dibagikan di Oebobo"],
        rubric="Kupang Terkini",
        body_paragraphs=["Paragraf satu.", "Paragraf dua."],
        reporters=["Oby Lewanmeru"],
        editor="Apolonia Matilde",
        related_titles=["Harga kelor naik di Ende"],
        original_byline="Laporan Reporter POS-KUPANG.COM, Oby Lewanmeru",
        rights_line="Copyright © ANTARA 2025",
    )
    assert article.detection_text() == (
        "Kelor untuk Warga Kupang\n\nPemkot membagikan bibit.\n\nBibit dibagikan di Oebobo"
        "\n\nKupang Terkini\n\nParagraf satu.\n\nParagraf dua."
    )


def test_detection_text_skips_empty_parts() -> None:
    article = ParsedArticle(
        style="antara",
        outlet="Antara",
        title="Judul",
        title_derived=True,
        body_paragraphs=["Isi berita."],
    )
    assert article.detection_text() == "Judul\n\nIsi berita."
