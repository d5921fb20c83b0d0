namespace SmmuGen.Spec.Validation;

/// <summary>The rules of the C side: layouts, C types, ioctls, record links.</summary>
public sealed partial class SpecValidator
{
    private void CheckStructRules()
    {
    }
}
