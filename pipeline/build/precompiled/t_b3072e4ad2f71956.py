# templates/404.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', '404.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    pass
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Page not found', _block_vars=_block_vars))
    yield ' – '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    l_0__ = resolve('_')
    l_0_page = resolve('page')
    pass
    if (undefined(name='doc') if l_0_doc is missing else l_0_doc):
        pass
        yield '<h1>'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
        yield '</h1>\n'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'body'))
        yield '\n'
    else:
        pass
        yield '<h1>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Page not found', _block_vars=_block_vars))
        yield '</h1>\n<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'There is no page at this address. It may have been moved or removed.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '<p><a href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home'))
    yield '">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Go to the home page', _block_vars=_block_vars))
    yield '</a></p>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '2=12&3=17&4=31&5=42&6=45&7=47&9=52&10=54&12=57'