import MarkupText

/// The engine's HTML escaping is ``MarkupText/HTML``, the one the chapter
/// runtime's figures use too: every layer above names it `HTML`.
public typealias HTML = MarkupText.HTML
