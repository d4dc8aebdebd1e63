# templates/alias.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'alias.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url='
    yield from context.blocks['to'][0](context)
    yield '">\n'
    yield from context.blocks['canonical'][0](context)
    yield '<title>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</title>\n<link rel="stylesheet" href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'style'))
    yield '">\n</head>\n<body>\n<main id="main">\n<p>'
    yield from context.blocks['moved'][0](context)
    yield '</p>\n</main>\n</body>\n</html>\n'

def block_to(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    pass
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'target'))

def block_canonical(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_self = TemplateReference(context)
    _block_vars = {}
    pass
    yield '<link rel="canonical" href="'
    yield escape(context.call(environment.getattr(l_0_self, 'to'), _block_vars=_block_vars))
    yield '">\n'

def block_moved(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_self = TemplateReference(context)
    _block_vars = {}
    l_0__ = resolve('_')
    pass
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'This page has moved:', _block_vars=_block_vars))
    yield ' <a href="'
    yield escape(context.call(environment.getattr(l_0_self, 'to'), _block_vars=_block_vars))
    yield '">'
    yield escape(context.call(environment.getattr(l_0_self, 'to'), _block_vars=_block_vars))
    yield '</a>'

blocks = {'to': block_to, 'canonical': block_canonical, 'moved': block_moved}
debug_info = '3=14&8=16&9=18&12=20&13=22&17=24&8=27&9=38&10=48&17=51'