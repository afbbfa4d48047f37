"""`{% lea_resultaten cl %}`: Django's `{% result_list cl %}`, its rows written by
lea/beheerlijst.py. Used by the changelist of every LijstAdmin (templates/admin/lea/lijst.html)."""

from typing import Any

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from lea.beheerlijst import resultaten

register = template.Library()

# The node as Django's admin_list makes it; its type stubs name an older signature.
_Knoop: Any = InclusionAdminNode


@register.tag(name="lea_resultaten")
def lea_resultaten(parser: template.base.Parser, token: template.base.Token) -> Any:
    return _Knoop(
        parser,
        token,
        func=resultaten,
        template_name="change_list_results.html",
        takes_context=False,
    )
