# templates/base.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    try:
        t_1 = environment.filters['autonym']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'autonym' found.")
    try:
        t_2 = environment.filters['language_name']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'language_name' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'noindex'):
        pass
        yield '<meta name="robots" content="noindex">\n'
    else:
        pass
        yield '<link rel="canonical" href="'
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'))
        yield '">\n'
        for l_1_alternate in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'alternates'):
            _loop_vars = {}
            pass
            yield '<link rel="alternate" hreflang="'
            yield escape(environment.getattr(l_1_alternate, 'hreflang'))
            yield '" href="'
            yield escape(environment.getattr(l_1_alternate, 'url'))
            yield '">\n'
        l_1_alternate = missing
    yield from context.blocks['meta'][0](context)
    yield '<link rel="alternate" type="application/atom+xml" href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'feed'))
    yield '" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '">\n<link rel="stylesheet" href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'style'))
    yield '">\n</head>\n<body>\n<a class="skip" href="#main">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Skip to main content'))
    yield '</a>\n<header class="site">\n<a class="site-name" href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home'))
    yield '">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</a>\n<nav class="languages" aria-label="'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Language'))
    yield '">\n<ul>\n'
    for l_1_switch in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'switcher'):
        _loop_vars = {}
        pass
        yield '<li><a href="'
        yield escape(environment.getattr(l_1_switch, 'path'))
        yield '" hreflang="'
        yield escape(environment.getattr(l_1_switch, 'lang'))
        yield '" lang="'
        yield escape(environment.getattr(l_1_switch, 'lang'))
        yield '">'
        yield escape(t_1(environment.getattr(l_1_switch, 'lang')))
        yield '</a>'
        if environment.getattr(l_1_switch, 'fallback'):
            pass
            yield ' <span class="note">('
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'home page: this page is not available in %(language)s', language=t_2(environment.getattr(l_1_switch, 'lang')), _loop_vars=_loop_vars))
            yield ')</span>'
        yield '</li>\n'
    l_1_switch = missing
    yield '</ul>\n</nav>\n</header>\n<main id="main">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n<footer>\n<p><a href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'feed'))
    yield '">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Feed (Atom)'))
    yield '</a></p>\n</footer>\n</body>\n</html>\n'

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_meta(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'meta': block_meta, 'content': block_content}
debug_info = '3=27&7=29&8=31&11=37&12=39&13=43&16=48&17=50&18=54&21=56&23=58&24=62&26=64&27=68&29=76&35=84&38=86&7=91&16=102&35=111'