// `import Tutorial` is the engine: the layers below are re-exported, so
// `render` and the tests name one module.
@_exported import TutorialBase
@_exported import TutorialMarkdown
@_exported import TutorialProgram
@_exported import TutorialSite
