using System;
using SmmuGen.Examples.DmaWalkthrough;

Walkthrough.Run(Console.Out);
