# templates/sitemap.xml as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'sitemap.xml'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_pages = resolve('pages')
    pass
    yield '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    for l_1_page in (undefined(name='pages') if l_0_pages is missing else l_0_pages):
        _loop_vars = {}
        pass
        yield '<url>\n<loc>'
        yield escape(environment.getattr(l_1_page, 'url'))
        yield '</loc>\n'
        for l_2_alternate in environment.getattr(l_1_page, 'alternates'):
            _loop_vars = {}
            pass
            yield '<xhtml:link rel="alternate" hreflang="'
            yield escape(environment.getattr(l_2_alternate, 'hreflang'))
            yield '" href="'
            yield escape(environment.getattr(l_2_alternate, 'url'))
            yield '"/>\n'
        l_2_alternate = missing
        yield '</url>\n'
    l_1_page = missing
    yield '</urlset>\n'

blocks = {}
debug_info = '3=13&5=17&6=19&7=23'