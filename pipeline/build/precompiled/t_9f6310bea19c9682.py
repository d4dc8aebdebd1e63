# templates/parts.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_menu_link = l_0_card = l_0_cards = missing
    try:
        t_1 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'long_date' found.")
    pass
    def macro(l_1_title, l_1_url, l_1_here, l_1_home):
        t_2 = []
        if l_1_title is missing:
            l_1_title = undefined("parameter 'title' was not provided", name='title')
        if l_1_url is missing:
            l_1_url = undefined("parameter 'url' was not provided", name='url')
        if l_1_here is missing:
            l_1_here = undefined("parameter 'here' was not provided", name='here')
        if l_1_home is missing:
            l_1_home = undefined("parameter 'home' was not provided", name='home')
        pass
        t_2.extend((
            '<li><a href="',
            escape(l_1_url),
            '"',
        ))
        if (l_1_url == l_1_here):
            pass
            t_2.append(
                ' aria-current="page"',
            )
        elif ((l_1_url != l_1_home) and context.call(environment.getattr(l_1_here, 'startswith'), l_1_url)):
            pass
            t_2.append(
                ' aria-current="true"',
            )
        t_2.extend((
            '>',
            escape(l_1_title),
            '</a></li>',
        ))
        return concat(t_2)
    context.exported_vars.add('menu_link')
    context.vars['menu_link'] = l_0_menu_link = Macro(environment, macro, 'menu_link', ('title', 'url', 'here', 'home'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_entry, l_1_heading):
        t_3 = []
        l_1__ = resolve('_')
        if l_1_entry is missing:
            l_1_entry = undefined("parameter 'entry' was not provided", name='entry')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        pass
        t_3.append(
            '<li class="card">\n',
        )
        if environment.getattr(l_1_entry, 'thumbnail'):
            pass
            t_3.extend((
                '<img src="',
                escape(environment.getattr(l_1_entry, 'thumbnail')),
                '" alt="" loading="lazy" width="640" height="360">\n',
            ))
        t_3.extend((
            '<div class="card-text">\n<',
            escape(l_1_heading),
            '><a href="',
            escape(environment.getattr(l_1_entry, 'path')),
            '">',
            escape(environment.getattr(l_1_entry, 'title')),
            '</a></',
            escape(l_1_heading),
            '>\n',
        ))
        if environment.getattr(l_1_entry, 'date'):
            pass
            t_3.extend((
                '<p class="date"><time datetime="',
                escape(context.call(environment.getattr(environment.getattr(l_1_entry, 'date'), 'isoformat'))),
                '">',
                escape(t_1(environment.getattr(l_1_entry, 'date'))),
                '</time></p>\n',
            ))
        if environment.getattr(l_1_entry, 'notice'):
            pass
            t_3.extend((
                '<p class="badge">',
                escape(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Machine-translated')),
                '</p>\n',
            ))
        if environment.getattr(l_1_entry, 'excerpt'):
            pass
            t_3.extend((
                '<p>',
                escape(environment.getattr(l_1_entry, 'excerpt')),
                '</p>\n',
            ))
        t_3.append(
            '</div>\n</li>',
        )
        return concat(t_3)
    context.exported_vars.add('card')
    context.vars['card'] = l_0_card = Macro(environment, macro, 'card', ('entry', 'heading'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_entries, l_1_heading):
        t_4 = []
        if l_1_entries is missing:
            l_1_entries = undefined("parameter 'entries' was not provided", name='entries')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        pass
        t_4.append(
            '<ul class="cards">\n',
        )
        for l_2_entry in l_1_entries:
            _loop_vars = {}
            pass
            t_4.extend((
                escape(context.call((undefined(name='card') if l_0_card is missing else l_0_card), l_2_entry, l_1_heading, _loop_vars=_loop_vars)),
                '\n',
            ))
        l_2_entry = missing
        t_4.append(
            '</ul>',
        )
        return concat(t_4)
    context.exported_vars.add('cards')
    context.vars['cards'] = l_0_cards = Macro(environment, macro, 'cards', ('entries', 'heading'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=18&4=31&6=52&8=63&9=67&12=72&13=81&14=85&16=90&18=94&20=97&21=101&26=110&28=120&29=124'