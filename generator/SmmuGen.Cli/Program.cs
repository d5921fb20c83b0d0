using System;
using SmmuGen.Cli;

return SmmugenApp.Run(args, Console.Out, Console.Error);
