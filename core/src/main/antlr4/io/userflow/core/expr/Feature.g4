// The expression language of feature filters and row expressions: a small, SQL-shaped subset that every engine we
// target evaluates the same way. Keywords are case-insensitive; identifiers name declared event fields.
grammar Feature;

parse : expr EOF ;

// earlier alternatives bind tighter: NOT, then AND, then OR; predicates compare sums
expr
  : NOT expr                                                             # Not
  | left=expr op=AND right=expr                                          # Logical
  | left=expr op=OR right=expr                                           # Logical
  | value=sum IS not=NOT? NULL                                           # IsNull
  | value=sum not=NOT? IN '(' literal (',' literal)* ')'                 # In
  | value=sum not=NOT? BETWEEN low=sum AND high=sum                      # Between
  | left=sum op=('=' | '!=' | '<>' | '<' | '<=' | '>' | '>=') right=sum  # Compare
  | sum                                                                  # Value
  ;

sum
  : '-' sum                                                              # Negate
  | left=sum op=('*' | '/') right=sum                              # Arithmetic
  | left=sum op=('+' | '-') right=sum                                    # Arithmetic
  | literal                                                              # Constant
  | IDENTIFIER '(' (expr (',' expr)*)? ')'                               # Call
  | IDENTIFIER                                                           # Field
  | '(' expr ')'                                                         # Parens
  ;

literal
  : INTEGER                                                              # IntegerLiteral
  | DECIMAL                                                              # DecimalLiteral
  | STRING                                                               # StringLiteral
  | (TRUE | FALSE)                                                       # BooleanLiteral
  | TIMESTAMP STRING                                                     # TimestampLiteral
  | NULL                                                                 # NullLiteral
  ;

AND : [Aa][Nn][Dd] ;
OR : [Oo][Rr] ;
NOT : [Nn][Oo][Tt] ;
IS : [Ii][Ss] ;
IN : [Ii][Nn] ;
BETWEEN : [Bb][Ee][Tt][Ww][Ee][Ee][Nn] ;
NULL : [Nn][Uu][Ll][Ll] ;
TRUE : [Tt][Rr][Uu][Ee] ;
FALSE : [Ff][Aa][Ll][Ss][Ee] ;
TIMESTAMP : [Tt][Ii][Mm][Ee][Ss][Tt][Aa][Mm][Pp] ;

INTEGER : [0-9]+ ;
DECIMAL : [0-9]+ '.' [0-9]+ ;
STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
IDENTIFIER : [a-zA-Z_] [a-zA-Z_0-9]* ;
WS : [ \t\r\n]+ -> skip ;
ERROR_CHAR : . ;
