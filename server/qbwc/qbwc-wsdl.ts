// The WSDL of the QuickBooks Web Connector service Weft hosts: SOAP 1.1,
// document/literal, namespace http://developer.intuit.com/, the parameter names
// the Web Connector sends, case-sensitive (reference C1; shape after
// consolibyte/quickbooks-php QBWebConnectorSvc.wsdl).
const NS = 'http://developer.intuit.com/';

const METHODS: [string, [string, string][], string][] = [
  ['serverVersion', [], 's:string'],
  ['clientVersion', [['strVersion', 's:string']], 's:string'],
  [
    'authenticate',
    [
      ['strUserName', 's:string'],
      ['strPassword', 's:string'],
    ],
    'tns:ArrayOfString',
  ],
  [
    'sendRequestXML',
    [
      ['ticket', 's:string'],
      ['strHCPResponse', 's:string'],
      ['strCompanyFileName', 's:string'],
      ['qbXMLCountry', 's:string'],
      ['qbXMLMajorVers', 's:int'],
      ['qbXMLMinorVers', 's:int'],
    ],
    's:string',
  ],
  [
    'receiveResponseXML',
    [
      ['ticket', 's:string'],
      ['response', 's:string'],
      ['hresult', 's:string'],
      ['message', 's:string'],
    ],
    's:int',
  ],
  [
    'connectionError',
    [
      ['ticket', 's:string'],
      ['hresult', 's:string'],
      ['message', 's:string'],
    ],
    's:string',
  ],
  ['getLastError', [['ticket', 's:string']], 's:string'],
  ['closeConnection', [['ticket', 's:string']], 's:string'],
];

export const QBWC_METHODS = METHODS.map((m) => m[0]);
export const QBWC_PARAMS: Record<string, string[]> = Object.fromEntries(
  METHODS.map(([m, p]) => [m, p.map((x) => x[0])]),
);

export function qbwcWsdl(endpoint: string): string {
  const elements = METHODS.map(([m, params, result]) => {
    const req = params
      .map(([n, t]) => `<s:element minOccurs="${t === 's:int' ? 1 : 0}" maxOccurs="1" name="${n}" type="${t}"/>`)
      .join('');
    const res = `<s:element minOccurs="${result === 's:int' ? 1 : 0}" maxOccurs="1" name="${m}Result" type="${result}"/>`;
    return (
      `<s:element name="${m}"><s:complexType><s:sequence>${req}</s:sequence></s:complexType></s:element>` +
      `<s:element name="${m}Response"><s:complexType><s:sequence>${res}</s:sequence></s:complexType></s:element>`
    );
  }).join('\n      ');
  const messages = METHODS.map(
    ([m]) => `<wsdl:message name="${m}SoapIn"><wsdl:part name="parameters" element="tns:${m}"/></wsdl:message>
  <wsdl:message name="${m}SoapOut"><wsdl:part name="parameters" element="tns:${m}Response"/></wsdl:message>`,
  ).join('\n  ');
  const ops = METHODS.map(
    ([m]) =>
      `<wsdl:operation name="${m}"><wsdl:input message="tns:${m}SoapIn"/><wsdl:output message="tns:${m}SoapOut"/></wsdl:operation>`,
  ).join('\n    ');
  const binds = METHODS.map(
    ([m]) =>
      `<wsdl:operation name="${m}"><soap:operation soapAction="${NS}${m}" ` +
      `style="document"/><wsdl:input><soap:body ` +
      `use="literal"/></wsdl:input><wsdl:output><soap:body ` +
      `use="literal"/></wsdl:output></wsdl:operation>`,
  ).join('\n    ');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${NS}">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${NS}">
      <s:complexType name="ArrayOfString"><s:sequence>
      <s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/>
      </s:sequence></s:complexType>
      ${elements}
    </s:schema>
  </wsdl:types>
  ${messages}
  <wsdl:portType name="QBWebConnectorSvcSoap">
    ${ops}
  </wsdl:portType>
  <wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    ${binds}
  </wsdl:binding>
  <wsdl:service name="QBWebConnectorSvc">
    <wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${escapeAttr(endpoint)}"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

export function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
