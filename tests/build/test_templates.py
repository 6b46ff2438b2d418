"""Templates are compiled once; later environments (one per locale build) load the compiled code."""

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig

from helpcenter.build.templates import MemoryBytecodeCache


def _environment(folder, cache):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
    env.bytecode_cache = cache
    compiled = []
    original = env.compile
    env.compile = lambda *args, **kwargs: (compiled.append(args), original(*args, **kwargs))[1]
    return env, compiled


def test_second_environment_loads_compiled_code(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    cache = MemoryBytecodeCache()
    first, compiled_first = _environment(tmp_path, cache)
    assert first.get_template("page.html").render(name="en") == "Hello en"
    second, compiled_second = _environment(tmp_path, cache)
    assert second.get_template("page.html").render(name="zh") == "Hello zh"
    assert len(compiled_first) == 1 and compiled_second == []


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    cache = MemoryBytecodeCache()
    _environment(tmp_path, cache)[0].get_template("page.html")
    (tmp_path / "page.html").write_text("Bye {{ name }}")
    env, compiled = _environment(tmp_path, cache)
    assert env.get_template("page.html").render(name="x") == "Bye x"
    assert len(compiled) == 1


class _Page:
    title = "Deposit"

    @property
    def broken(self):
        raise AttributeError("inside the property")


class _Items:
    def __getitem__(self, key):
        if key == "known":
            return "from the item"
        raise KeyError(key)


def test_quick_lookups_give_what_jinja_gives():
    import collections

    from helpcenter.build.templates import lookup_attribute

    env = jinja2.Environment()
    cases = [({"title": "x"}, "title"), ({"title": "x"}, "missing"), ({"items": "shadowed"}, "items"),
             ({"get": 1}, "keys"), (collections.OrderedDict(icon="o"), "icon"), (_Page(), "title"),
             (_Page(), "meta"), (_Page(), "broken"), (_Items(), "known"), (_Items(), "other"),
             (dict, "x"), ([1, 2], "append"), ([1, 2], "first"), ("text", "upper"), (None, "x"), (None, "canonical_url"), (None, "__class__"), (3, "real")]
    config = MkDocsConfig()
    config.load_dict({"site_name": "Help", "extra": {"alternate": [1]}, "theme": {"name": "mkdocs"}})
    config.validate()
    del config["copyright"]
    cases += [(config, "site_name"), (config, "extra"), (config, "theme"), (config, "copyright"),
              (config, "missing"), (config, "get"), (config, "data"), (config.extra, "alternate")]
    for obj, name in cases:
        try:
            jinjas = env.getattr(obj, name)
        except KeyError:  # an option removed from a config fails alike
            with pytest.raises(KeyError):
                lookup_attribute(env, obj, name)
            continue
        ours = lookup_attribute(env, obj, name)
        assert type(ours) is type(jinjas), (obj, name)
        if isinstance(jinjas, jinja2.Undefined):
            assert (ours._undefined_obj, ours._undefined_name) == (jinjas._undefined_obj, jinjas._undefined_name)
        else:
            assert ours == jinjas, (obj, name)
