from django.urls import path, register_converter

from articles import feeds, preview, views
from articles.filters import ArchiveFilter, ProgramArticleFilter, parameters
from newsroom.cache import public_page
from newsroom.pagination import PAGE_PARAMETER
from newsroom.surrogate import ARTICLES, FILTERS


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):02d}"


class YearConverter(TwoDigitConverter):
    regex = "[0-9]{4}"

    def to_url(self, value: int | str) -> str:
        return f"{int(value):04d}"


register_converter(TwoDigitConverter, "dd")
register_converter(YearConverter, "yyyy")

app_name = "articles"
urlpatterns = [
    path(
        "berita/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        public_page(views.article_detail),
        name="detail",
    ),
    path(
        "program/<slug:slug>/",
        public_page(views.program_detail, reads=parameters(ProgramArticleFilter), keys=[FILTERS]),
        name="program",
    ),
    path("program/<slug:slug>/feed/", public_page(feeds.ProgramFeed()), name="program-feed"),
    path(
        "program/<slug:slug>/feed/atom/", public_page(feeds.ProgramAtomFeed()), name="program-atom"
    ),
    path(
        "penulis/<slug:slug>/",
        public_page(views.journalist_detail, reads=[PAGE_PARAMETER]),
        name="journalist",
    ),
    path(
        "arsip/",
        public_page(views.archive, reads=parameters(ArchiveFilter), keys=[ARTICLES, FILTERS]),
        name="archive",
    ),
    path("pratinjau/<str:token>/", preview.shared_preview, name="preview"),
]
