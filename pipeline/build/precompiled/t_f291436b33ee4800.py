# templates/home.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_listing = missing
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('listing.html', 'home.html')._get_default_module(context)
    l_0_listing = getattr(included_template, 'listing', missing)
    if l_0_listing is missing:
        l_0_listing = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'home.html') does not export the requested name 'listing'", name='listing')
    context.vars['listing'] = l_0_listing
    context.exported_vars.discard('listing')
    yield from parent_template.root_render_func(context)

def block_meta(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_page = resolve('page')
    try:
        t_1 = environment.filters['og_locale']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'og_locale' found.")
    pass
    yield '<meta name="description" content="'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Democracy lab and worker-owned cooperative', _block_vars=_block_vars))
    yield '">\n<meta property="og:type" content="website">\n<meta property="og:title" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '">\n<meta property="og:url" content="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'))
    yield '">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang')))
    yield '">\n<meta name="twitter:card" content="summary">\n'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    l_0_jobs = resolve('jobs')
    l_0_ngettext = resolve('ngettext')
    l_0_listing = resolve('listing')
    l_0_news = resolve('news')
    l_0_pages = resolve('pages')
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<div class="intro">\n'
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
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
        yield '</h1>\n<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Democracy lab and worker-owned cooperative', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</div>\n<section aria-labelledby="jobs">\n<h2 id="jobs">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open positions', _block_vars=_block_vars))
    yield '</h2>\n'
    if (undefined(name='jobs') if l_0_jobs is missing else l_0_jobs):
        pass
        yield '<p>'
        yield escape(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(num)d open position', '%(num)d open positions', t_2((undefined(name='jobs') if l_0_jobs is missing else l_0_jobs)), _block_vars=_block_vars))
        yield '</p>\n'
        yield escape(context.call((undefined(name='listing') if l_0_listing is missing else l_0_listing), (undefined(name='jobs') if l_0_jobs is missing else l_0_jobs), _block_vars=_block_vars))
        yield '\n'
    else:
        pass
        yield '<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No open positions right now.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n<section aria-labelledby="news">\n<h2 id="news">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'News', _block_vars=_block_vars))
    yield '</h2>\n'
    if (undefined(name='news') if l_0_news is missing else l_0_news):
        pass
        yield escape(context.call((undefined(name='listing') if l_0_listing is missing else l_0_listing), (undefined(name='news') if l_0_news is missing else l_0_news), _block_vars=_block_vars))
        yield '\n'
    else:
        pass
        yield '<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No news yet.', _block_vars=_block_vars))
        yield '</p>\n'
    yield '</section>\n'
    if (undefined(name='pages') if l_0_pages is missing else l_0_pages):
        pass
        yield '<section aria-labelledby="pages">\n<h2 id="pages">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Pages', _block_vars=_block_vars))
        yield '</h2>\n'
        yield escape(context.call((undefined(name='listing') if l_0_listing is missing else l_0_listing), (undefined(name='pages') if l_0_pages is missing else l_0_pages), _block_vars=_block_vars))
        yield '\n</section>\n'

blocks = {'meta': block_meta, 'content': block_content}
debug_info = '2=13&3=16&4=24&5=42&7=44&8=46&9=48&10=50&13=53&15=76&16=79&17=81&19=86&20=88&24=91&25=93&26=96&27=98&29=103&33=106&34=108&35=110&37=115&40=118&42=121&43=123'