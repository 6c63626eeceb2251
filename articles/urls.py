from django.urls import path, register_converter

from articles import views


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

app_name = "articles"
urlpatterns = [
    path(
        "berita/<int:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.article_detail,
        name="detail",
    ),
    path("program/<slug:slug>/", views.program_detail, name="program"),
    path("penulis/<slug:slug>/", views.journalist_detail, name="journalist"),
]
