"""Templates are compiled once; later environments (one per locale build) load the compiled code."""

import jinja2

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
