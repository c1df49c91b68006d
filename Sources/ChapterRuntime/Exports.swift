// Every chapter program imports ChapterRuntime; it re-exports CECore so that
// the numerics are in scope without an `import` line in the chapter.
@_exported import CECore
