# templates/feed-entry.xml as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'feed-entry.xml'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_entry = resolve('entry')
    pass
    yield '<entry>\n<title>'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'title'))
    yield '</title>\n<id>'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'url'))
    yield '</id>\n<link rel="alternate" type="text/html" href="'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'url'))
    yield '"/>\n<published>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'date'), 'isoformat')))
    yield '</published>\n<updated>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'date'), 'isoformat')))
    yield '</updated>\n'
    if environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'excerpt'):
        pass
        yield '<summary>'
        yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'excerpt'))
        yield '</summary>\n'
    yield '<content type="html" xml:base="'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'url'))
    yield '">'
    yield escape(environment.getattr((undefined(name='entry') if l_0_entry is missing else l_0_entry), 'body'))
    yield '</content>\n</entry>\n'

blocks = {}
debug_info = '3=13&4=15&5=17&6=19&7=21&8=23&9=26&11=29'