"""The editors' dashboard and the reporters' "my articles" panel on the admin index."""

from django import template
from django.urls import reverse

from articles import workflow
from articles.admin import dashboard, planning
from articles.admin.display import status_badge

register = template.Library()


@register.inclusion_tag("admin/articles/dashboard.html", takes_context=True)
def newsroom_dashboard(context):
    request = context["request"]
    user = request.user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    changelist = reverse("admin:articles_article_changelist")
    articles = workflow.articles_for(user)
    desk = workflow.is_desk(user)
    data = {
        "show": True,
        "desk": desk,
        "changelist": changelist,
        "counts": dashboard.status_counts(articles),
        "count_limit": dashboard.COUNT_LIMIT,
    }
    if desk:
        today = dashboard.going_live_today(articles)
        data["today"] = [
            {"article": article, "badge": status_badge(article)}
            for article in today[: dashboard.TODAY_LIMIT]
        ]
        data["today_more"] = max(0, today.count() - dashboard.TODAY_LIMIT)
        data["coverage"] = dashboard.coverage()
        data["queue"] = workflow.review_queue(articles)[:8]
        data["planning_url"] = reverse("admin:articles_assignment_planning")
    else:
        data["returned"] = workflow.returned_drafts(articles).order_by("-last_event_at")[:10]
        data["assignments"] = planning.reporter_assignments(user)
        data["csrf_token"] = context.get("csrf_token")
    return data
