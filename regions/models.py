from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom import surrogate
from newsroom.validators import clean_text_list


class RegionQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str) -> "Region":
        return self.get(slug=slug)

    def subtree(self, region: "Region") -> "RegionQuerySet":
        """The region itself and every place under it (one indexed prefix query)."""
        return self.filter(path__startswith=region.path)


class Region(models.Model):
    """A place in NTT: the province, a regency or city, a district or a village.

    ``path`` is the chain of slugs from the province down ("ntt/belu/"), kept so
    a whole subtree is one prefix lookup. It is derived from ``parent`` on save
    and stored in the fixtures so that ``loaddata`` (which bypasses ``save()``)
    keeps it too.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        REGENCY = "regency", _("regency")
        CITY = "city", _("city")
        DISTRICT = "district", _("district")
        VILLAGE = "village", _("village")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(
        _("Kemendagri code"),
        max_length=13,
        blank=True,
        help_text=_("Official code of the Ministry of Home Affairs, e.g. 53.04 for Belu."),
    )
    aliases = models.JSONField(
        _("aliases"),
        default=list,
        blank=True,
        help_text=_("Other names and spellings that mean this place, e.g. Atambua for Belu."),
    )
    path = models.CharField(_("path"), max_length=500, editable=False, db_index=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="region_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.build_path()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                self._move_descendants(old_path)

    def get_absolute_url(self) -> str:
        surrogate.shown(surrogate.key_of(self))
        return reverse("regions:detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def clean(self) -> None:
        try:
            self.aliases = clean_text_list(self.aliases)
        except ValidationError as error:
            raise ValidationError({"aliases": error}) from None

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.REGENCY:
            return _("%(name)s Regency") % {"name": self.name}
        return self.name

    def build_path(self) -> str:
        return f"{self.parent.path if self.parent else ''}{self.slug}/"

    def ancestor_slugs(self) -> list[str]:
        """Slugs from the province down to this region, without a query."""
        return self.path.rstrip("/").split("/")

    def _move_descendants(self, old_path: str) -> None:
        moved = list(Region.objects.filter(path__startswith=old_path).exclude(pk=self.pk))
        for region in moved:
            region.path = self.path + region.path[len(old_path) :]
        Region.objects.bulk_update(moved, ["path"])
