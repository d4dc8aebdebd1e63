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
    try:
        t_1 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'long_date' found.")
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    def macro(l_1_entries):
        t_2 = []
        if l_1_entries is missing:
            l_1_entries = undefined("parameter 'entries' was not provided", name='entries')
        pass
        t_2.append(
            '<ul class="postings">\n',
        )
        for l_2_entry in l_1_entries:
            l_2__ = resolve('_')
            _loop_vars = {}
            pass
            t_2.extend((
                '<li>\n<h3><a href="',
                escape(environment.getattr(l_2_entry, 'path')),
                '">',
                escape(environment.getattr(l_2_entry, 'title')),
                '</a></h3>\n',
            ))
            if environment.getattr(l_2_entry, 'date'):
                pass
                t_2.extend((
                    '<p class="date"><time datetime="',
                    escape(context.call(environment.getattr(environment.getattr(l_2_entry, 'date'), 'isoformat'), _loop_vars=_loop_vars)),
                    '">',
                    escape(t_1(environment.getattr(l_2_entry, 'date'))),
                    '</time></p>\n',
                ))
            if environment.getattr(l_2_entry, 'excerpt'):
                pass
                t_2.extend((
                    '<p>',
                    escape(environment.getattr(l_2_entry, 'excerpt')),
                    '</p>\n',
                ))
            t_2.extend((
                '<p><a href="',
                escape(environment.getattr(l_2_entry, 'path')),
                '">',
                escape(context.call((undefined(name='_') if l_2__ is missing else l_2__), 'Read more', _loop_vars=_loop_vars)),
                '<span class="visually-hidden">: ',
                escape(environment.getattr(l_2_entry, 'title')),
                '</span></a></p>\n</li>\n',
            ))
        l_2_entry = l_2__ = missing
        t_2.append(
            '</ul>\n',
        )
        return concat(t_2)
    context.exported_vars.add('listing')
    context.vars['listing'] = l_0_listing = Macro(environment, macro, 'listing', ('entries',), False, False, False, context.eval_ctx.autoescape)
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
        t_3 = environment.filters['og_locale']
    except KeyError:
        @internalcode
        def t_3(*unused):
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
    yield escape(t_3(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'lang')))
    yield '">\n'

def block_content(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    l_0_jobs = resolve('jobs')
    l_0_ngettext = resolve('ngettext')
    l_0_listing = resolve('listing')
    l_0_news = resolve('news')
    l_0_pages = resolve('pages')
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</h1>\n<p>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Democracy lab and worker-owned cooperative', _block_vars=_block_vars))
    yield '</p>\n<section aria-labelledby="jobs">\n<h2 id="jobs">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open positions', _block_vars=_block_vars))
    yield '</h2>\n'
    if (undefined(name='jobs') if l_0_jobs is missing else l_0_jobs):
        pass
        yield '<p>'
        yield escape(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '%(num)d open position', '%(num)d open positions', t_4((undefined(name='jobs') if l_0_jobs is missing else l_0_jobs)), _block_vars=_block_vars))
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
debug_info = '2=19&3=22&5=30&7=36&8=41&9=45&11=50&12=54&14=59&19=75&20=93&22=95&23=97&24=99&25=101&27=104&28=126&29=128&31=130&32=132&33=135&34=137&36=142&40=145&41=147&42=149&44=154&47=157&49=160&50=162'