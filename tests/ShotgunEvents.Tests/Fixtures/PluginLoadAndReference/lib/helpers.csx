#load "nested.csx"

string Describe(ShotgunEvent e) => $"helper v1 {e.Id}";
