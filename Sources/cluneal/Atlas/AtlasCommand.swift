import ArgumentParser

/// `cluneal atlas …`: look into the atlas.
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "List, show, validate and cite the anatomical atlas.",
        subcommands: [AtlasList.self, AtlasShow.self, AtlasValidate.self, AtlasSources.self],
        defaultSubcommand: AtlasList.self
    )
}
