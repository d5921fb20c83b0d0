using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmmuGen.Spec.Diagnostics;
using SmmuGen.Spec.Diff;

namespace SmmuGen.Cli.Rendering;

/// <summary>
/// The diff for tools: one JSON object with the inputs, a summary and every change (verdict,
/// kind, scope, subject, message, old and new state, and where each is written). Stable key
/// order and "\n" line ends, so the output of one diff is always the same bytes.
/// </summary>
internal static class DiffJsonRenderer
{
    public static void Render(DiffReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString("old", report.Old);
            json.WriteString("new", report.New);
            json.WriteStartObject("summary");
            json.WriteNumber("changes", report.Result.Changes.Count);
            json.WriteNumber("breaking", report.Result.Count(UapiVerdict.Breaking));
            json.WriteNumber("needsReview", report.Result.Count(UapiVerdict.NeedsReview));
            json.WriteNumber("compatible", report.Result.Count(UapiVerdict.Compatible));
            json.WriteEndObject();
            json.WriteStartArray("changes");
            foreach (var c in report.Result.Changes)
            {
                json.WriteStartObject();
                json.WriteString("verdict", DiffReport.Word(c.Verdict));
                json.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                json.WriteString("scope", c.Scope);
                json.WriteString("subject", c.Subject);
                json.WriteString("message", c.Message);
                Optional(json, "old", c.Old);
                Optional(json, "new", c.New);
                Location(json, "oldLocation", c.OldSpan);
                Location(json, "newLocation", c.NewSpan);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void Location(Utf8JsonWriter json, string name, SourceSpan? span)
    {
        if (span is not { } s)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("file", s.File);
        json.WriteNumber("line", s.Line);
        json.WriteNumber("column", s.Column);
        json.WriteEndObject();
    }
}
