# templates/list.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'list.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_doc = resolve('doc')
    l_0_heading = resolve('heading')
    l_0_news = resolve('news')
    l_0__ = resolve('_')
    l_0_jobs = resolve('jobs')
    l_0_page = resolve('page')
    l_0_listing = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    pass
    parent_template = environment.get_template('base.html', 'list.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('listing.html', 'list.html')._get_default_module(context)
    l_0_listing = getattr(included_template, 'listing', missing)
    if l_0_listing is missing:
        l_0_listing = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'list.html') does not export the requested name 'listing'", name='listing')
    context.vars['listing'] = l_0_listing
    context.exported_vars.discard('listing')
    if (undefined(name='doc') if l_0_doc is missing else l_0_doc):
        pass
        l_0_heading = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title')
        context.vars['heading'] = l_0_heading
        context.exported_vars.add('heading')
    elif (undefined(name='news') if l_0_news is missing else l_0_news):
        pass
        l_0_heading = context.call((undefined(name='_') if l_0__ is missing else l_0__), 'News')
        context.vars['heading'] = l_0_heading
        context.exported_vars.add('heading')
    elif (undefined(name='jobs') if l_0_jobs is missing else l_0_jobs):
        pass
        l_0_heading = context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open positions')
        context.vars['heading'] = l_0_heading
        context.exported_vars.add('heading')
    else:
        pass
        l_0_heading = t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'section'))
        context.vars['heading'] = l_0_heading
        context.exported_vars.add('heading')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_heading = resolve('heading')
    l_0_site = resolve('site')
    pass
    yield escape((undefined(name='heading') if l_0_heading is missing else l_0_heading))
    yield ' – '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_heading = resolve('heading')
    l_0_doc = resolve('doc')
    l_0_entries = resolve('entries')
    l_0_listing = resolve('listing')
    pass
    yield '<div class="intro">\n<h1>'
    yield escape((undefined(name='heading') if l_0_heading is missing else l_0_heading))
    yield '</h1>\n'
    if (undefined(name='doc') if l_0_doc is missing else l_0_doc):
        pass
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'body'))
        yield '\n'
    yield '</div>\n'
    if (undefined(name='entries') if l_0_entries is missing else l_0_entries):
        pass
        yield escape(context.call((undefined(name='listing') if l_0_listing is missing else l_0_listing), (undefined(name='entries') if l_0_entries is missing else l_0_entries), 'h2', _block_vars=_block_vars))
        yield '\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '3=25&4=28&5=34&6=56&7=70&9=83&10=85&11=87&14=90&15=92'