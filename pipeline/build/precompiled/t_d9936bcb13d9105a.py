# templates/page.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'page.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_listing = missing
    pass
    parent_template = environment.get_template('base.html', 'page.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('listing.html', 'page.html')._get_default_module(context)
    l_0_listing = getattr(included_template, 'listing', missing)
    if l_0_listing is missing:
        l_0_listing = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'page.html') does not export the requested name 'listing'", name='listing')
    context.vars['listing'] = l_0_listing
    context.exported_vars.discard('listing')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield ' – '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))

def block_meta(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['absolute']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'absolute' found.")
    try:
        t_2 = environment.filters['og_locale']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'og_locale' found.")
    pass
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'excerpt'):
        pass
        yield '<meta name="description" content="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'excerpt'))
        yield '">\n<meta property="og:description" content="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'excerpt'))
        yield '">\n'
    yield '<meta property="og:type" content="article">\n<meta property="og:title" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield '">\n<meta property="og:url" content="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'url'))
    yield '">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_2(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang')))
    yield '">\n'
    def t_3(fiter):
        for l_1_alternate in fiter:
            if (environment.getattr(l_1_alternate, 'hreflang') not in ('x-default', environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang'))):
                yield l_1_alternate
    for l_1_alternate in t_3(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'alternates')):
        _loop_vars = {}
        pass
        yield '<meta property="og:locale:alternate" content="'
        yield escape(t_2(environment.getattr(l_1_alternate, 'hreflang')))
        yield '">\n'
    l_1_alternate = missing
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'image'):
        pass
        yield '<meta property="og:image" content="'
        yield escape(t_1(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'image')))
        yield '">\n<meta name="twitter:card" content="summary_large_image">\n<meta name="twitter:image" content="'
        yield escape(t_1(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'image')))
        yield '">\n'
    else:
        pass
        yield '<meta name="twitter:card" content="summary">\n'
    yield '<meta name="twitter:title" content="'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield '">\n'

def block_hero(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    pass
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'image'):
        pass
        yield '<div class="hero">\n<img src="'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'image'))
        yield '" alt="'
        yield escape(((context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'params'), 'get'), 'image_alt', _block_vars=_block_vars) or context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'params'), 'get'), 'image-alt', _block_vars=_block_vars)) or ''))
        yield '" width="1600" height="600">\n</div>\n'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_doc = resolve('doc')
    l_0__ = resolve('_')
    l_0_published = resolve('published')
    try:
        t_4 = environment.filters['language_name']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'language_name' found.")
    try:
        t_5 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'long_date' found.")
    pass
    yield '<article>\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'notice'):
        pass
        yield '<aside class="notice">\n<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'This page was machine-translated and has not been reviewed yet.', _block_vars=_block_vars))
        yield '\n'
        if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'original'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'original'), 'path'))
            yield '" hreflang="'
            yield escape(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'original'), 'lang'))
            yield '">'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Read the original in %(language)s', language=t_4(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'original'), 'lang')), _block_vars=_block_vars))
            yield '</a>\n'
        yield '</p>\n</aside>\n'
    yield '<header>\n<h1>'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'):
        pass
        t_6 = []
        pass
        t_6.extend((
            '<time datetime="',
            escape(context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'), 'isoformat'))),
            '">',
            escape(t_5(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'))),
            '</time>',
        ))
        l_0_published = (Markup if context.eval_ctx.autoescape else identity)(concat(t_6))
        _block_vars['published'] = l_0_published
        yield '<p class="date">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Published %(date)s', date=(undefined(name='published') if l_0_published is missing else l_0_published), _block_vars=_block_vars))
        yield '</p>\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'ingress'):
        pass
        yield '<p class="ingress"><strong>'
        yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'ingress'))
        yield '</strong></p>\n'
    yield '</header>\n'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'body'))
    yield '\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'links'):
        pass
        yield '<ul class="links">\n'
        for l_1_link in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'links'):
            _loop_vars = {}
            pass
            yield '<li>'
            if environment.getattr(l_1_link, 'url'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_link, 'url'))
                yield '">'
                yield escape(environment.getattr(l_1_link, 'title'))
                yield '</a>'
            else:
                pass
                yield escape(environment.getattr(l_1_link, 'title'))
            yield '</li>\n'
        l_1_link = missing
        yield '</ul>\n'
    yield '</article>\n'
    yield from context.blocks['related'][0](context)

def block_related(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_section_pages = resolve('section_pages')
    l_0_doc = resolve('doc')
    l_0__ = resolve('_')
    l_0_listing = resolve('listing')
    l_0_related = missing
    try:
        t_7 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_8 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    pass
    l_0_related = t_7(context.eval_ctx, t_8(context, (undefined(name='section_pages') if l_0_section_pages is missing else l_0_section_pages)[:4], 'path', 'equalto', environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'path')))
    _block_vars['related'] = l_0_related
    if (undefined(name='related') if l_0_related is missing else l_0_related):
        pass
        yield '<section class="related" aria-labelledby="related">\n<h2 id="related">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'More like this', _block_vars=_block_vars))
        yield '</h2>\n'
        yield escape(context.call((undefined(name='listing') if l_0_listing is missing else l_0_listing), (undefined(name='related') if l_0_related is missing else l_0_related)[:3], _block_vars=_block_vars))
        yield '\n</section>\n'

blocks = {'title': block_title, 'meta': block_meta, 'hero': block_hero, 'content': block_content, 'related': block_related}
debug_info = '2=13&3=16&4=24&5=38&6=61&7=64&8=66&11=69&12=71&13=73&14=75&15=77&16=85&18=88&19=91&21=93&25=99&27=102&28=111&30=114&34=119&36=143&38=146&39=148&41=151&47=159&48=161&49=167&51=175&53=177&54=180&57=183&58=185&60=188&61=192&66=206&68=233&69=235&72=238&73=240'