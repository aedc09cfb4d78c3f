string Nested() => "nested v1";
