"""Quality gates: links and anchors, unsafe content, page structure, HTML, accessibility.

Source checks read docs/ and render each Markdown file with the project's Markdown extensions (no build);
site checks read a built site's HTML. `helpcenter check` runs them; tests/checks/ plants faults to prove them.
"""
