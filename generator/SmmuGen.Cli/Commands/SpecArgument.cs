using System.CommandLine;

namespace SmmuGen.Cli.Commands;

/// <summary>The SPEC... argument the verbs that read spec files share.</summary>
internal static class SpecArgument
{
    /// <summary>One or more spec files or directories.</summary>
    public static Argument<string[]> Create() => new("spec")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Spec files (.yaml) or directories searched recursively for *.yaml.",
    };
}
