using System;
using System.Linq;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Loading;
using SmmuGen.Spec.Model;
using SmmuGen.Spec.Validation;

namespace SmmuGen.Spec;

/// <summary>The one entry point: spec text in, model and located diagnostics out.</summary>
public static class SpecCompiler
{
    /// <summary>
    /// Loads, validates and applies waivers. Never throws on any input: a failure of the tool
    /// itself becomes SMMUGEN099 at the start of the file.
    /// </summary>
    public static SpecResult Compile(string file, string text)
    {
        try
        {
            var context = new LoadContext(file);
            var document = SpecLoader.Load(text, context);
            var diagnostics = context.Diagnostics.ToList();
            if (document is not null)
            {
                diagnostics.AddRange(SpecValidator.Validate(document));
            }

            var kept = WaiverFilter.Apply(diagnostics, context.Waivers)
                .OrderBy(d => d.Span.Offset)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToEquatableArray();
            return new SpecResult(document, kept);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var diagnostic = SpecDiagnostic.Create(SpecRules.InternalError, SourceSpan.StartOf(file), $"internal error while reading the spec ({ex.GetType().Name}: {ex.Message}); please report it with this file");
            return new SpecResult(null, new[] { diagnostic }.ToEquatableArray());
        }
    }
}
