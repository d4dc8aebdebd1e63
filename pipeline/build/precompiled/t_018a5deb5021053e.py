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
    pass
    parent_template = environment.get_template('base.html', 'page.html')
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
        t_1 = environment.filters['og_locale']
    except KeyError:
        @internalcode
        def t_1(*unused):
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
    yield escape(t_1(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang')))
    yield '">\n'
    def t_2(fiter):
        for l_1_alternate in fiter:
            if (environment.getattr(l_1_alternate, 'hreflang') not in ('x-default', environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang'))):
                yield l_1_alternate
    for l_1_alternate in t_2(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'alternates')):
        _loop_vars = {}
        pass
        yield '<meta property="og:locale:alternate" content="'
        yield escape(t_1(environment.getattr(l_1_alternate, 'hreflang')))
        yield '">\n'
    l_1_alternate = missing

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
        t_3 = environment.filters['language_name']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'language_name' found.")
    try:
        t_4 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_4(*unused):
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
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Read the original in %(language)s', language=t_3(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'original'), 'lang')), _block_vars=_block_vars))
            yield '</a>\n'
        yield '</p>\n</aside>\n'
    yield '<header>\n<h1>'
    yield escape(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'title'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'):
        pass
        t_5 = []
        pass
        t_5.extend((
            '<time datetime="',
            escape(context.call(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'), 'isoformat'))),
            '">',
            escape(t_4(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'date'))),
            '</time>',
        ))
        l_0_published = (Markup if context.eval_ctx.autoescape else identity)(concat(t_5))
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

blocks = {'title': block_title, 'meta': block_meta, 'content': block_content}
debug_info = '2=12&3=17&4=31&5=48&6=51&7=53&10=56&11=58&12=60&13=62&14=64&15=72&18=76&20=100&22=103&23=105&25=108&31=116&32=118&33=124&35=132&37=134&38=137&41=140&42=142&44=145&45=149'