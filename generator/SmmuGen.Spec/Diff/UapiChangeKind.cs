namespace SmmuGen.Spec.Diff;

/// <summary>What happened to the thing a change is about.</summary>
public enum UapiChangeKind
{
    /// <summary>It exists only in the new version.</summary>
    Added,

    /// <summary>It exists only in the old version.</summary>
    Removed,

    /// <summary>It exists in both, differently.</summary>
    Changed,
}
