"""Bulk actions: every transition in ``workflow.TRANSITIONS`` that has an
``action_label``, run on many articles at once, asking first for its input."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import workflow
from articles.admin.filters import TrashFilter
from articles.admin.forms import TransitionForm


def bulk_action(transition: workflow.Transition):
    """The change list action for ``transition``, as Django's ``get_actions`` lists them."""

    def action(model_admin, request, queryset):
        return model_admin.run_bulk(request, queryset, transition)

    name = f"{transition.name}_selected"
    action.__name__ = name
    return action, name, transition.action_label


class BulkTransitionsMixin:
    def get_actions(self, request):
        """The transitions' actions, and no other: Django's own bulk delete would delete,
        and deleting is trashing. The trash view offers only what applies to the trash;
        the other lists never do."""
        actions = {}
        if IS_POPUP_VAR in request.GET:
            return actions
        in_trash = request.GET.get(TrashFilter.parameter_name) == "yes"
        for transition in workflow.TRANSITIONS:
            if transition.action_label is None or transition.from_trash is not in_trash:
                continue
            if getattr(self, f"has_{transition.permission}_permission")(request):
                action, name, label = bulk_action(transition)
                actions[name] = (action, name, label)
        return actions

    def run_bulk(self, request, queryset, transition: workflow.Transition):
        """Run one transition on each selected article; an input is asked for first."""
        needs = transition.needs
        if needs is None:
            form = TransitionForm({}, prefix="workflow")
        elif "apply" not in request.POST:
            return self._ask(request, queryset, transition, TransitionForm(prefix="workflow"))
        else:
            form = TransitionForm(request.POST, prefix="workflow")
            if form.is_valid() and not form.cleaned_data[needs]:
                form.add_error(needs, _("This field is required."))
            if not form.is_valid():
                return self._ask(request, queryset, transition, form)
        done, refused = 0, []
        for article in queryset:
            try:
                form.apply(transition, article, by=request.user)
            except workflow.WorkflowError as error:
                refused.append(f"{article.title}: {error.message}")
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(action)s: %(count)d article.",
                    "%(action)s: %(count)d articles.",
                    done,
                )
                % {"count": done, "action": transition.label},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.ERROR)
        return None

    def _ask(self, request, queryset, transition: workflow.Transition, form: TransitionForm):
        """The page between choosing an action and running it, for its reason or time."""
        return TemplateResponse(
            request,
            "admin/articles/article/transition_action.html",
            {
                **self.admin_site.each_context(request),
                "title": transition.label,
                "opts": self.opts,
                "articles": queryset,
                "field": form[transition.needs],
                "action": request.POST["action"],
                "button": transition.label,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
