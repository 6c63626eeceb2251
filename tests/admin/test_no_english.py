"""The Indonesian admin speaks Indonesian: every piece of text on the admin pages a
reporter or an editor reaches is translated.

Each page is rendered twice, in Indonesian and in English; a word on both is either
content (titles, names), on the allowlist below, or part of a string nobody
translated."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Assignment, Journalist, Note, ProgramTag
from regions.models import Region

# Words that are the same in both languages: names, abbreviations, units.
SAME_IN_BOTH = {
    # Program and site names, and words Indonesian shares with English.
    *("WITA", "URL", "BPJS", "Ketenagakerjaan", "Newsroom NTT", "Bahasa Indonesia"),
    *("English", "Editor", "editor", "Reporter", "reporter", "Program", "program"),
    *("Status", "status", "Filter", "Total", "total", "per", "byline"),
    # Formats, the time standard, the ministry that numbers the regions.
    *("JPEG", "PNG", "WebP", "UTC", "Kemendagri"),
    # The name the page gives the summary, quoted in both languages.
    "Ringkasan Berita",
}


class Texts(HTMLParser):
    SKIP = {"script", "style", "textarea", "option", "svg", "title"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.append(text)


def texts_of(html: str) -> set[str]:
    parser = Texts()
    parser.feed(html)
    return set(parser.texts)


WORD = re.compile(r"[^\W\d_]{3,}")


def words(texts: set[str]) -> set[str]:
    return {word for text in texts for word in WORD.findall(text)}


def untranslated(client, url: str, content: set[str]) -> set[str]:
    """Words on the Indonesian page that the English page has too, and that are not
    content: what nobody translated, whole or inside a translated sentence."""
    client.cookies["django_language"] = "id"
    indonesian = words(texts_of(client.get(url).content.decode()))
    client.cookies["django_language"] = "en"
    english = words(texts_of(client.get(url).content.decode()))
    client.cookies["django_language"] = "id"
    return (indonesian & english) - words(content)


@pytest.fixture
def desk(cast, people, places, reporter):
    draft = cast["draft"]
    Note.objects.create(article=draft, text="Cek nama kepala desa.", author=people["editor"])
    workflow.return_to_draft(cast["in_review"], by=people["editor"], reason="Kurang data.")
    Assignment.objects.create(
        slug_line="Banjir di Malaka",
        region=places["malaka"],
        reporter=reporter,
        due_at=timezone.now() + datetime.timedelta(hours=3),
    )
    texts = set(Article.objects.values_list("title", flat=True))
    texts |= set(Article.objects.values_list("slug", flat=True))
    texts |= {str(region) for region in Region.objects.all()}
    texts |= set(Region.objects.values_list("name", flat=True))
    texts |= {"Maria Lado", "Apolonia Matilde", "Yohanes Bria", "Cek nama kepala desa."}
    texts |= {"Kurang data.", "Banjir di Malaka", "editor", "reporter_a", "reporter_b"}
    for program in ProgramTag.objects.all():
        texts |= {program.name, program.full_name, program.slug}
    texts |= set(Journalist.objects.values_list("slug", flat=True))
    texts |= set(Region.objects.values_list("path", flat=True))
    return cast, texts | SAME_IN_BOTH


PAGES = {
    "reporter_a": [
        "/admin/",
        "change:draft",
        "history:draft",
        "change:in_review",
        "/admin/articles/article/",
        "/admin/articles/assignment/planning/",
    ],
    "editor": [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?queue=review",
        "/admin/articles/article/add/",
        "change:draft",
        "change:live",
        "history:live",
        "/admin/articles/assignment/",
        "/admin/articles/assignment/add/",
        "/admin/articles/assignment/planning/",
        "/admin/articles/journalist/",
        "/admin/articles/programtag/",
        "/admin/regions/region/",
    ],
}


@pytest.mark.parametrize("who", PAGES)
def test_no_english_is_left_on_the_admin_pages(client, people, desk, who):
    cast, content = desk
    client.force_login(people[who])
    found = {}
    for page in PAGES[who]:
        if page.startswith("/"):
            url = page
        else:
            kind, key = page.split(":")
            url = f"/admin/articles/article/{cast[key].pk}/{kind}/"
        if left := untranslated(client, url, content):
            found[page] = sorted(left)
    assert found == {}, "\n".join(f"{page}: {texts}" for page, texts in found.items())
