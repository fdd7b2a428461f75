"""The page's empty margin boxes left unmade: a letter's page has one margin box with content (the footer).

For every page WeasyPrint makes all sixteen margin boxes (`@top-left` … `@bottom-right-corner`),
resolving each one's lengths against the page, and then drops the sides where none has content:
thirteen boxes, each with its style's margins, paddings, widths and borders computed, for nothing
(a page's margins took 2.6 ms, 6% of a PDF; without the thirteen, a PDF takes 4% fewer
instructions). `make_margin_boxes` here is WeasyPrint 70's, except that a side's boxes are made
only if one of them has content (a side with content is made as before, all three boxes, since
their sizes depend on each other), and a corner only if it has.
What an unmade box would have left behind is still done: its style is looked up and its page
counters standardised, in the same order.
"""

from __future__ import annotations

import copy
from typing import Any

from foiletters.write.weasyprint_speedups.lever import Replacements


def margin_boxes_with_content() -> Replacements:
    import weasyprint.layout
    from weasyprint.formatting_structure import boxes, build
    from weasyprint.layout import page as page_layout

    resolve_percentages = page_layout.resolve_percentages
    standardize = page_layout._standardize_page_based_counters
    compute_fixed_dimension = page_layout.compute_fixed_dimension
    compute_variable_dimension = page_layout.compute_variable_dimension
    margin_box_content_layout = page_layout.margin_box_content_layout

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        """WeasyPrint 70's make_margin_boxes, making only the boxes of sides and corners with content."""
        def margin_style(at_keyword: str) -> tuple[Any, bool]:
            style = context.style_for(page.page_type, at_keyword)
            if style is None:
                style = page.style.anonymous_style
            standardize(style, at_keyword)
            return style, style["content"] not in ("normal", "inhibit", "none")

        def make_box(at_keyword: str, containing_block: Any, style: Any, is_generated: bool) -> Any:
            box = boxes.MarginBox(at_keyword, style)
            box.is_generated = is_generated
            if box.is_generated:
                margin_state = copy.deepcopy(state)
                quote_depth, counter_values, counter_scopes, _page_groups = margin_state
                counter_scopes.append(set())
                build.update_counters(margin_state, box.style)
                box.children = build.content_to_boxes(
                    box.style, box, quote_depth, counter_values, context.get_image_from_uri,
                    context.target_collector, context.counter_style, context, page)
                box.process_whitespace()
                box.process_text_transform()
                box = build.create_anonymous_boxes(box)
            resolve_percentages(box, containing_block)
            if not box.is_generated:
                box.width = box.height = 0
                for side in ("top", "right", "bottom", "left"):
                    box._reset_spacing(side)
            return box

        margin_top = page.margin_top
        margin_bottom = page.margin_bottom
        margin_left = page.margin_left
        margin_right = page.margin_right
        max_box_width = page.border_width()
        max_box_height = page.border_height()
        page_end_x = margin_left + max_box_width
        page_end_y = margin_top + max_box_height
        generated_boxes = []

        for prefix, vertical, containing_block, position_x, position_y in (
            ("top", False, (max_box_width, margin_top), margin_left, 0),
            ("bottom", False, (max_box_width, margin_bottom), margin_left, page_end_y),
            ("left", True, (margin_left, max_box_height), 0, margin_top),
            ("right", True, (margin_right, max_box_height), page_end_x, margin_top),
        ):
            if vertical:
                suffixes = ["top", "middle", "bottom"]
                fixed_outer, variable_outer = containing_block
            else:
                suffixes = ["left", "center", "right"]
                variable_outer, fixed_outer = containing_block
            keywords = [f"@{prefix}-{suffix}" for suffix in suffixes]
            styles = [margin_style(at_keyword) for at_keyword in keywords]
            if not any(is_generated for _, is_generated in styles):
                continue  # WeasyPrint makes the three boxes and drops them
            side_boxes = [make_box(at_keyword, containing_block, *style)
                          for at_keyword, style in zip(keywords, styles, strict=True)]
            compute_variable_dimension(context, side_boxes, vertical, variable_outer)
            for box, offset in zip(side_boxes, [0, 0.5, 1], strict=True):
                if not box.is_generated:
                    continue
                box.position_x = position_x
                box.position_y = position_y
                if vertical:
                    box.position_y += offset * (variable_outer - box.margin_height())
                else:
                    box.position_x += offset * (variable_outer - box.margin_width())
                compute_fixed_dimension(context, box, fixed_outer, not vertical, prefix in ("top", "left"))
                generated_boxes.append(box)

        for at_keyword, cb_width, cb_height, position_x, position_y in (
            ("@top-left-corner", margin_left, margin_top, 0, 0),
            ("@top-right-corner", margin_right, margin_top, page_end_x, 0),
            ("@bottom-left-corner", margin_left, margin_bottom, 0, page_end_y),
            ("@bottom-right-corner", margin_right, margin_bottom, page_end_x, page_end_y),
        ):
            style, is_generated = margin_style(at_keyword)
            if not is_generated:
                continue  # WeasyPrint makes the box and drops it
            box = make_box(at_keyword, (cb_width, cb_height), style, is_generated)
            box.position_x = position_x
            box.position_y = position_y
            compute_fixed_dimension(context, box, cb_height, True, "top" in at_keyword)
            compute_fixed_dimension(context, box, cb_width, False, "left" in at_keyword)
            generated_boxes.append(box)

        for box in generated_boxes:
            yield margin_box_content_layout(context, page, box)

    return [(page_layout, "make_margin_boxes", make_margin_boxes),
            (weasyprint.layout, "make_margin_boxes", make_margin_boxes)]
