# templates/feed.xml as Jinja2 3.1.6 compiles it for pipeline.build.templates; made by `make templates`, not to be edited.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'feed.xml'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_feed = resolve('feed')
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    pass
    yield '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'lang'))
    yield '">\n<title>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</title>\n<subtitle>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Democracy lab and worker-owned cooperative'))
    yield '</subtitle>\n<id>'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'url'))
    yield '</id>\n<link rel="self" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'url'))
    yield '"/>\n<link rel="alternate" type="text/html" href="'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'home_url'))
    yield '"/>\n<updated>'
    yield escape(environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'updated'))
    yield '</updated>\n<author><name>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'name'))
    yield '</name></author>\n'
    for l_1_entry in environment.getattr((undefined(name='feed') if l_0_feed is missing else l_0_feed), 'entries'):
        _loop_vars = {}
        pass
        yield escape(l_1_entry)
    l_1_entry = missing
    yield '</feed>\n'

blocks = {}
debug_info = '2=15&3=17&4=19&5=21&6=23&7=25&8=27&9=29&10=31&11=34'