# templates/parts.html as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'parts.html'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_menu_link = missing
    pass
    def macro(l_1_title, l_1_url, l_1_current):
        t_1 = []
        if l_1_title is missing:
            l_1_title = undefined("parameter 'title' was not provided", name='title')
        if l_1_url is missing:
            l_1_url = undefined("parameter 'url' was not provided", name='url')
        if l_1_current is missing:
            l_1_current = undefined("parameter 'current' was not provided", name='current')
        pass
        t_1.extend((
            '<li><a href="',
            escape(l_1_url),
            '"',
        ))
        if l_1_current:
            pass
            t_1.extend((
                ' aria-current="',
                escape(l_1_current),
                '"',
            ))
        t_1.extend((
            '>',
            escape(l_1_title),
            '</a></li>',
        ))
        return concat(t_1)
    context.exported_vars.add('menu_link')
    context.vars['menu_link'] = l_0_menu_link = Macro(environment, macro, 'menu_link', ('title', 'url', 'current'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '2=12&3=23'