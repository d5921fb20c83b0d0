using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The R, W and Exe a Translation Completion grants (IHI 0070 13.7.1), from what the combined
/// translation allows at the effective privilege (after STE.PRIVCFG) and STE.INSTCFG.
/// </summary>
internal static class AtsPermissionGrant
{
    /// <param name="translation">
    /// What the translation allows at the effective privilege: Read (data reads), Write (writes,
    /// after any hardware dirty update the request made) and Execute (instruction fetches).
    /// </param>
    /// <param name="instcfg">STE.INSTCFG.</param>
    /// <param name="executeRequested">The request's Exe (always clear without a PASID).</param>
    public static AccessPermissions Grant(AccessPermissions translation, OverrideAttr instcfg, bool executeRequested)
    {
        var readable = (translation & AccessPermissions.Read) != 0;
        var executable = (translation & AccessPermissions.Execute) != 0;
        bool read, execute;
        switch (instcfg)
        {
            case OverrideAttr.Override1:
                // INSTCFG = Instruction: every read is an instruction fetch, so R and Exe both come
                // from X (an execute-only page becomes reachable).
                read = executable;
                execute = executeRequested && executable;
                break;
            case OverrideAttr.Override0:
                // INSTCFG = Data: anything readable counts as executable.
                read = readable;
                execute = executeRequested && readable;
                break;
            default:
                // Granting Exe implies granting R, so an execute-only page grants nothing.
                read = readable;
                execute = executeRequested && readable && executable;
                break;
        }

        // W is always the translation's write permission at the effective privilege.
        return (read ? AccessPermissions.Read : AccessPermissions.None)
            | (translation & AccessPermissions.Write)
            | (execute ? AccessPermissions.Execute : AccessPermissions.None);
    }
}
