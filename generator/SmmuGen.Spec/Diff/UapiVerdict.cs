namespace SmmuGen.Spec.Diff;

/// <summary>
/// How a uAPI change affects existing user space, by iommufd's rules (size-prefixed structs,
/// must-be-zero reserved bytes, minimum sizes). Ordered: a worse verdict compares greater.
/// </summary>
public enum UapiVerdict
{
    /// <summary>Existing binaries and sources keep working (a new tail member, a reclaimed reserved field, a new enum value).</summary>
    Compatible,

    /// <summary>Probably fine, but a person must check (a same-width type change, a member in implicit padding, a rename).</summary>
    NeedsReview,

    /// <summary>Existing binaries or sources break (a moved, resized or removed member, a changed value or ioctl number).</summary>
    Breaking,
}
