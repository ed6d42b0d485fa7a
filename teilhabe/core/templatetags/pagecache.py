"""`{% capture "name" %}…{% endcapture %}`: hand a block's HTML to the public pages' cache.

Used in `base.html` around the blocks a cached page keeps (see `teilhabe.core.pagecache`);
it renders its content unchanged.
"""

from __future__ import annotations

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString

from teilhabe.core import pagecache

register = template.Library()


class CaptureNode(Node):
    def __init__(self, name: str, nodelist: NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        output = self.nodelist.render(context)
        pagecache.capture(context.get("request"), self.name, output)
        return output


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("capture takes one quoted name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(bits[1][1:-1], nodelist)
