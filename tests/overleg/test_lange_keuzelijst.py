"""The meeting page's long lists (an agenda's thousand actions): built without a template per
option, and escaped as a template would."""

from django.utils.safestring import mark_safe

from overleg.forms import LangeKeuzelijst


def test_each_option_is_escaped_and_the_chosen_ones_are_selected():
    lijst = LangeKeuzelijst(attrs={"size": 5})
    lijst.choices = [
        (1, 'A & <b>"B"</b>'),
        (2, mark_safe("<i>al veilig</i>")),  # safe HTML stays as it is, as in a template
        ("x'y", "Z"),
        (3, "niet gekozen"),
    ]
    html = lijst.render("acties", [2, "x'y"], attrs={"id": "id_acties"})
    assert html == (
        '<select name="acties" id="id_acties" size="5" multiple>'
        '<option value="1">A &amp; &lt;b&gt;&quot;B&quot;&lt;/b&gt;</option>'
        '<option value="2" selected><i>al veilig</i></option>'
        '<option value="x&#x27;y" selected>Z</option>'
        '<option value="3">niet gekozen</option>'
        "</select>"
    )
