# templates/listing.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'listing.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_card = l_0_listing = missing
    try:
        t_1 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'long_date' found.")
    pass
    def macro(l_1_entry, l_1_heading):
        t_2 = []
        l_1__ = resolve('_')
        if l_1_entry is missing:
            l_1_entry = undefined("parameter 'entry' was not provided", name='entry')
        if l_1_heading is missing:
            l_1_heading = undefined("parameter 'heading' was not provided", name='heading')
        pass
        t_2.append(
            '<li class="card">\n',
        )
        if environment.getattr(l_1_entry, 'thumbnail'):
            pass
            t_2.extend((
                '<img src="',
                escape(environment.getattr(l_1_entry, 'thumbnail')),
                '" alt="" loading="lazy" width="640" height="360">\n',
            ))
        t_2.extend((
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
            t_2.extend((
                '<p class="date"><time datetime="',
                escape(context.call(environment.getattr(environment.getattr(l_1_entry, 'date'), 'isoformat'))),
                '">',
                escape(t_1(environment.getattr(l_1_entry, 'date'))),
                '</time></p>\n',
            ))
        if environment.getattr(l_1_entry, 'notice'):
            pass
            t_2.extend((
                '<p class="badge">',
                escape(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Machine-translated')),
                '</p>\n',
            ))
        if environment.getattr(l_1_entry, 'excerpt'):
            pass
            t_2.extend((
                '<p>',
                escape(environment.getattr(l_1_entry, 'excerpt')),
                '</p>\n',
            ))
        t_2.extend((
            '<p class="more"><a href="',
            escape(environment.getattr(l_1_entry, 'path')),
            '">',
            escape(context.call((undefined(name='_') if l_1__ is missing else l_1__), 'Read more')),
            '<span class="visually-hidden">: ',
            escape(environment.getattr(l_1_entry, 'title')),
            '</span></a></p>\n</div>\n</li>',
        ))
        return concat(t_2)
    context.exported_vars.add('card')
    context.vars['card'] = l_0_card = Macro(environment, macro, 'card', ('entry', 'heading'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_entries, l_1_heading):
        t_3 = []
        if l_1_entries is missing:
            l_1_entries = undefined("parameter 'entries' was not provided", name='entries')
        if l_1_heading is missing:
            l_1_heading = 'h3'
        pass
        t_3.append(
            '<ul class="cards">\n',
        )
        for l_2_entry in l_1_entries:
            _loop_vars = {}
            pass
            t_3.extend((
                escape(context.call((undefined(name='card') if l_0_card is missing else l_0_card), l_2_entry, l_1_heading, _loop_vars=_loop_vars)),
                '\n',
            ))
        l_2_entry = missing
        t_3.append(
            '</ul>',
        )
        return concat(t_3)
    context.exported_vars.add('listing')
    context.vars['listing'] = l_0_listing = Macro(environment, macro, 'listing', ('entries', 'heading'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=18&4=29&5=33&8=38&9=47&10=51&12=56&14=60&16=63&17=67&19=72&23=82&25=92&26=96'