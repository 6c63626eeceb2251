from django.urls import path

from articles import feeds
from articles.filters import RegionArticleFilter, parameters
from newsroom.cache import public_page
from newsroom.surrogate import FILTERS
from regions import views

app_name = "regions"
urlpatterns = [
    path(
        "wilayah/<slug:slug>/",
        public_page(views.region_detail, reads=parameters(RegionArticleFilter), keys=[FILTERS]),
        name="detail",
    ),
    path("wilayah/<slug:slug>/feed/", public_page(feeds.RegionFeed()), name="feed"),
    path("wilayah/<slug:slug>/feed/atom/", public_page(feeds.RegionAtomFeed()), name="atom"),
]
