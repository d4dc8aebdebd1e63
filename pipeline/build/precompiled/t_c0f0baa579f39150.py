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
    l_0_menu_link = missing
    pass
    included_template = environment.get_template('parts.html', 'base.html')._get_default_module(context)
    l_0_menu_link = getattr(included_template, 'menu_link', missing)
    if l_0_menu_link is missing:
        l_0_menu_link = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'base.html') does not export the requested name 'menu_link'", name='menu_link')
    context.vars['menu_link'] = l_0_menu_link
    context.exported_vars.discard('menu_link')
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
    yield '">\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body>\n<a class="skip" href="#main">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Skip to main content'))
    yield '</a>\n'
    yield from context.blocks['header'][0](context)
    yield from context.blocks['hero'][0](context)
    yield '<main id="main">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n'
    yield from context.blocks['footer'][0](context)
    yield '</body>\n</html>\n'

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

def block_head(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_header(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '<header class="site">\n<div class="bar">\n'
    yield from context.blocks['logo'][0](context)
    yield from context.blocks['menu'][0](context)
    yield from context.blocks['languages'][0](context)
    yield '</div>\n</header>\n'

def block_logo(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_data = resolve('data')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['link']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'link' found.")
    try:
        t_2 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<a class="brand" href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home'))
    yield '">\n'
    if (t_2(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'site')) and t_2(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'site'), 'logo'))):
        pass
        yield '<img src="'
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'site'), 'logo')))
        yield '" alt="" height="40">\n'
    else:
        pass
        yield '<svg aria-hidden="true" width="40" height="40" viewBox="0 0 40 40"><circle cx="20" cy="20" r="19" fill="#0b5394"/><path d="M11 27V13h6a7 7 0 0 1 0 14zm12 0V13h6" fill="none" stroke="#fff" stroke-width="3"/></svg>\n'
    yield '<span>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</span></a>\n'

def block_menu(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_data = resolve('data')
    l_0_menu_link = resolve('menu_link')
    l_0_page = resolve('page')
    l_0_here = resolve('here')
    l_0_menu_sections = resolve('menu_sections')
    try:
        t_3 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_1 = environment.filters['link']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'link' found.")
    try:
        t_2 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<nav class="menu" aria-label="'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Main menu', _block_vars=_block_vars))
    yield '">\n<ul>\n'
    if t_2(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'menu')):
        pass
        for l_1_item in environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'menu'):
            l_1_url = missing
            _loop_vars = {}
            pass
            l_1_url = t_1(environment.getattr(l_1_item, 'url'))
            _loop_vars['url'] = l_1_url
            yield escape(context.call((undefined(name='menu_link') if l_0_menu_link is missing else l_0_menu_link), environment.getattr(l_1_item, 'title'), (undefined(name='url') if l_1_url is missing else l_1_url), ('page' if ((undefined(name='url') if l_1_url is missing else l_1_url) == (undefined(name='here') if l_0_here is missing else l_0_here)) else ('true' if (((undefined(name='url') if l_1_url is missing else l_1_url) != environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home')) and context.call(environment.getattr((undefined(name='here') if l_0_here is missing else l_0_here), 'startswith'), (undefined(name='url') if l_1_url is missing else l_1_url), _loop_vars=_loop_vars)) else '')), _loop_vars=_loop_vars))
            yield '\n'
        l_1_item = l_1_url = missing
    else:
        pass
        yield escape(context.call((undefined(name='menu_link') if l_0_menu_link is missing else l_0_menu_link), context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Home', _block_vars=_block_vars), environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home'), ('page' if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'home') == (undefined(name='here') if l_0_here is missing else l_0_here)) else ''), _block_vars=_block_vars))
        yield '\n'
        for l_1_section in (undefined(name='menu_sections') if l_0_menu_sections is missing else l_0_menu_sections):
            l_1_title = resolve('title')
            _loop_vars = {}
            pass
            if (environment.getattr(l_1_section, 'kind') == 'news'):
                pass
                l_1_title = context.call((undefined(name='_') if l_0__ is missing else l_0__), 'News', _loop_vars=_loop_vars)
                _loop_vars['title'] = l_1_title
            elif (environment.getattr(l_1_section, 'kind') == 'jobs'):
                pass
                l_1_title = context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open positions', _loop_vars=_loop_vars)
                _loop_vars['title'] = l_1_title
            else:
                pass
                l_1_title = t_3(environment.getattr(l_1_section, 'folder'))
                _loop_vars['title'] = l_1_title
            yield escape(context.call((undefined(name='menu_link') if l_0_menu_link is missing else l_0_menu_link), (undefined(name='title') if l_1_title is missing else l_1_title), environment.getattr(l_1_section, 'path'), ('page' if (environment.getattr(l_1_section, 'path') == (undefined(name='here') if l_0_here is missing else l_0_here)) else ('true' if (environment.getattr(l_1_section, 'name') == environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'section')) else '')), _loop_vars=_loop_vars))
            yield '\n'
        l_1_section = l_1_title = missing
    yield '</ul>\n</nav>\n'

def block_languages(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_page = resolve('page')
    try:
        t_4 = environment.filters['autonym']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'autonym' found.")
    try:
        t_5 = environment.filters['language_name']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'language_name' found.")
    pass
    yield '<nav class="languages" aria-label="'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Language', _block_vars=_block_vars))
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
        yield escape(t_4(environment.getattr(l_1_switch, 'lang')))
        yield '</a>'
        if environment.getattr(l_1_switch, 'fallback'):
            pass
            yield ' <span class="note">('
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'home page: this page is not available in %(language)s', language=t_5(environment.getattr(l_1_switch, 'lang')), _loop_vars=_loop_vars))
            yield ')</span>'
        yield '</li>\n'
    l_1_switch = missing
    yield '</ul>\n</nav>\n'

def block_hero(context, missing=missing, environment=environment):
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

def block_footer(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_data = resolve('data')
    l_0__ = resolve('_')
    l_0_site = resolve('site')
    l_0_page = resolve('page')
    try:
        t_1 = environment.filters['link']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'link' found.")
    try:
        t_6 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_2 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<footer class="site">\n<div class="columns">\n'
    if t_2(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact')):
        pass
        yield '<section aria-labelledby="contact">\n<h2 id="contact">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Contact', _block_vars=_block_vars))
        yield '</h2>\n<ul>\n'
        if t_2(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'email')):
            pass
            yield '<li><a href="mailto:'
            yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'email'))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'email'))
            yield '</a></li>'
        if t_2(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'phone')):
            pass
            yield '<li><a href="tel:'
            yield escape(t_6(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'phone'), ' ', ''))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'phone'))
            yield '</a></li>'
        if t_2(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'address')):
            pass
            yield '<li>'
            yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'contact'), 'address'))
            yield '</li>'
        yield '</ul>\n</section>\n'
    if t_2(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'social')):
        pass
        yield '<section aria-labelledby="social">\n<h2 id="social">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Follow us', _block_vars=_block_vars))
        yield '</h2>\n<ul>\n'
        for l_1_account in environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'social'):
            _loop_vars = {}
            pass
            yield '<li><a href="'
            yield escape(t_1(environment.getattr(l_1_account, 'url')))
            yield '" rel="me">'
            yield escape(environment.getattr(l_1_account, 'name'))
            yield '</a></li>\n'
        l_1_account = missing
        yield '</ul>\n</section>\n'
    yield '<section aria-labelledby="follow">\n<h2 id="follow">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</h2>\n<ul>\n<li><a href="'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'feed'))
    yield '">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Feed (Atom)', _block_vars=_block_vars))
    yield '</a></li>\n</ul>\n</section>\n</div>\n</footer>\n'

blocks = {'title': block_title, 'meta': block_meta, 'head': block_head, 'header': block_header, 'logo': block_logo, 'menu': block_menu, 'languages': block_languages, 'hero': block_hero, 'content': block_content, 'footer': block_footer}
debug_info = '2=15&4=22&8=24&9=26&12=32&13=34&14=38&17=43&18=45&19=49&20=51&23=53&24=55&69=56&71=58&73=60&8=63&17=74&20=83&24=92&27=101&36=102&55=103&27=106&28=130&29=132&30=135&34=141&36=144&38=177&40=179&41=181&42=185&43=187&46=192&47=194&48=198&49=210&55=215&56=238&58=240&59=244&61=252&69=261&71=270&73=279&76=310&78=313&80=315&81=322&82=329&86=335&89=338&91=340&92=344&98=351&100=353'