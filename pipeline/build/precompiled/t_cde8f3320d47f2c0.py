# templates/listing.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'listing.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_listing = missing
    try:
        t_1 = environment.filters['long_date']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'long_date' found.")
    pass
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

blocks = {}
debug_info = '2=18&4=26&6=32&7=37&8=41&10=46&11=50&13=55'