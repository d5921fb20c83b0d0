using System.Collections.Generic;
using SmmuGen.Spec.Diagnostics;

namespace SmmuGen.Spec.Diff;

/// <summary>An enum type as the diff sees it: its name and the names of its values.</summary>
internal sealed record UapiEnum(string Name, IReadOnlyList<string> Values, SourceSpan Span);
