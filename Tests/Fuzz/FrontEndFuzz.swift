// libFuzzer target over the front end: scan → parse → tangle, then the
// typesetter's HTML writer. Built by scripts/fuzz with `swiftc -sanitize=fuzzer`
// together with the engine's sources (so they are instrumented too).

/// Called by libFuzzer with each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontEnd(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // The loader rejects invalid UTF-8 before anything is parsed (with its own message).
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let document = ChapterParser.parse(ChapterSource(path: "fuzz.md", name: "fuzz", text: text))
    let lineCount = SourceLines(text).count
    for span in document.spans {
        precondition(span.location.line >= 1 && span.location.line <= lineCount, "span outside the chapter: \(span.location)")
    }
    for expression in document.expressions {
        precondition(expression.location.line >= 1 && expression.location.line <= lineCount, "value outside the chapter")
    }
    precondition(document.firstExpressionOfSpan.count == document.spans.count)
    _ = Tangler.tangle(document)
    // render typesets only a chapter without errors.
    guard !document.diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    _ = ChapterTypesetter(
        document: document, run: nil, page: "fuzz.html", formulas: ChapterFormulas(document, values: [:]),
        formulaHTML: [:], references: CrossReferences(), unsafe: size % 2 == 0
    ).typeset()
    return 0
}
