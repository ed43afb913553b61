<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgentScreen</name>
    <message>
        <source>This is the cardholder&apos;s ID number. Please enter your own ID number.</source>
        <translation>这是持卡人的身份证号码，请输入您本人的身份证号码。</translation>
    </message>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>A name has no digits or symbols.</source>
        <translation>姓名中不能含有数字或符号。</translation>
    </message>
    <message>
        <source>You are reporting for {name}. Please give your own details.</source>
        <translation>您正在为{name}代办，请填写您本人的信息。</translation>
    </message>
    <message>
        <source>Please give your own details.</source>
        <translation>请填写您本人的信息。</translation>
    </message>
    <message>
        <source>About you, the person reporting</source>
        <translation>填写代办人信息</translation>
    </message>
    <message>
        <source>Your ID number</source>
        <translation>您的身份证号码</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Tap here to type your name</source>
        <translation>点击此处输入姓名</translation>
    </message>
    <message>
        <source>How are you related to the cardholder?</source>
        <translation>您与持卡人的关系</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Please take your card</source>
        <translation>请取走您的社保卡</translation>
    </message>
    <message>
        <source>Thank you. Your session has ended.</source>
        <translation>感谢使用，本次服务已结束。</translation>
    </message>
    <message>
        <source>Please insert your social security card</source>
        <translation>请插入您的社会保障卡</translation>
    </message>
    <message>
        <source>Insert it into the card slot with the chip facing up.</source>
        <translation>请将芯片朝上，插入读卡口。</translation>
    </message>
    <message>
        <source>No card with you?</source>
        <translation>没有带社保卡？</translation>
    </message>
    <message>
        <source>Report a lost or stolen card</source>
        <translation>社保卡挂失（丢失或被盗）</translation>
    </message>
    <message>
        <source>Voucher / reissue progress</source>
        <translation>领卡凭证 / 补卡进度查询</translation>
    </message>
</context>
<context>
    <name>BusinessScreen</name>
    <message>
        <source>These numbers do not match.</source>
        <translation>身份证号码与预留手机号码不匹配。</translation>
    </message>
    <message>
        <source>Check both: 1 try left, then the ID number is locked.</source>
        <translation>请核对：还可再试 1 次，再错该身份证号码将被暂停核验。</translation>
    </message>
    <message>
        <source>Check both and try again ({n} tries left).</source>
        <translation>请核对后重试（还可再试 {n} 次）。</translation>
    </message>
    <message>
        <source>Check both and try again.</source>
        <translation>请核对后重试。</translation>
    </message>
    <message>
        <source>Opening hours: {hours}</source>
        <translation>营业时间：{hours}</translation>
    </message>
    <message>
        <source>Phone: {phone}</source>
        <translation>电话：{phone}</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Nothing is recorded until you tap Confirm. To change something, tap Back.</source>
        <translation>点击“确认办理”后才会正式办理。如需修改，请点击“返回”。</translation>
    </message>
    <message>
        <source>The printer is not ready (out of paper / offline). You can still go ahead: your voucher number will be shown on screen and you can reprint the voucher later at this kiosk or at a counter.</source>
        <translation>打印机暂不可用（缺纸或离线）。您仍可继续办理：凭证号将显示在屏幕上，之后可在本机或服务窗口补打凭证。</translation>
    </message>
    <message>
        <source>Confirm your temporary loss report</source>
        <translation>确认办理临时挂失</translation>
    </message>
    <message>
        <source>Confirm your loss report and new card</source>
        <translation>确认办理挂失补卡</translation>
    </message>
    <message>
        <source>Confirm cancelling the loss report</source>
        <translation>确认解除临时挂失</translation>
    </message>
    <message>
        <source>Confirm your new card application</source>
        <translation>确认办理损坏换卡</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认办理</translation>
    </message>
    <message>
        <source>For {name}, ID number {ssn}</source>
        <translation>持卡人：{name}，身份证号码：{ssn}</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Please wait, this takes a few seconds.</source>
        <translation>请稍候，需要几秒钟。</translation>
    </message>
</context>
<context>
    <name>ContributionsSection</name>
    <message>
        <source>Amounts in yuan</source>
        <translation>金额单位：元</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Earlier year</source>
        <translation>上一年度</translation>
    </message>
    <message>
        <source>Later year</source>
        <translation>下一年度</translation>
    </message>
    <message>
        <source>Contributions by month</source>
        <translation>逐月缴费记录</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>缴费单位</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>缴费基数</translation>
    </message>
    <message>
        <source>Employer part</source>
        <translation>单位缴纳</translation>
    </message>
    <message>
        <source>Personal part</source>
        <translation>个人缴纳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>缴费状态</translation>
    </message>
    <message>
        <source>No contributions on record.</source>
        <translation>暂无缴费记录。</translation>
    </message>
    <message>
        <source>Loading the contributions…</source>
        <translation>正在查询缴费记录…</translation>
    </message>
    <message>
        <source>Months paid: {paid}</source>
        <translation>已缴 {paid} 个月</translation>
    </message>
    <message>
        <source>Months paid: {paid} · Months owed: {owed}</source>
        <translation>已缴 {paid} 个月 · 欠缴 {owed} 个月</translation>
    </message>
    <message>
        <source>No contributions in this year.</source>
        <translation>本年度无缴费记录。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠缴</translation>
    </message>
</context>
<context>
    <name>EntryField</name>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear this field</source>
        <translation>清空本栏内容</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Social Security Card Self-Service</source>
        <translation>社会保障卡自助服务</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Change language to {language}</source>
        <translation>切换语言为{language}</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字模式</translation>
    </message>
</context>
<context>
    <name>IdNumberField</name>
    <message>
        <source>An ID number cannot start with 0 or 9.</source>
        <translation>身份证号码不能以 0 或 9 开头。</translation>
    </message>
    <message>
        <source>The 7th to 14th digits must be a date of birth, like 19850612.</source>
        <translation>第 7 至 14 位应为出生日期，例如 19850612。</translation>
    </message>
    <message>
        <source>The last character does not fit the 17 before it: a digit may be mistyped. Please check the number.</source>
        <translation>最后一位与前 17 位不符，可能有数字输错，请核对号码。</translation>
    </message>
    <message>
        <source>Only the last character can be X.</source>
        <translation>只有最后一位可以是 X。</translation>
    </message>
    <message>
        <source>18 characters, as on the ID card. The last may be X.</source>
        <translation>共 18 位，与身份证上一致，最后一位可能是 X。</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>I am reporting for someone else</source>
        <translation>我为他人代办</translation>
    </message>
    <message>
        <source>Type the cardholder&apos;s ID number and the mobile number they registered with social security. Your own details come next.</source>
        <translation>请输入持卡人的身份证号码和社保预留手机号码。下一步再填写您本人的信息。</translation>
    </message>
    <message>
        <source>Type the ID number and the mobile number registered with social security. You do not need the card.</source>
        <translation>请输入身份证号码和社保预留手机号码，无需提供社保卡。</translation>
    </message>
    <message>
        <source>Enter the cardholder&apos;s details</source>
        <translation>请填写持卡人信息</translation>
    </message>
    <message>
        <source>Cardholder&apos;s ID number</source>
        <translation>持卡人身份证号码</translation>
    </message>
    <message>
        <source>Registered mobile number</source>
        <translation>预留手机号码</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>To protect your information, this session will end in {seconds} seconds.</source>
        <translation>为保护您的个人信息，本次服务将在 {seconds} 秒后结束。</translation>
    </message>
    <message>
        <source>Do you need more time?</source>
        <translation>您还需要更多时间吗？</translation>
    </message>
    <message>
        <source>Yes, I need more time</source>
        <translation>需要，继续办理</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>结束本次服务</translation>
    </message>
</context>
<context>
    <name>InjurySection</name>
    <message>
        <source>No work injury or occupational disease records.</source>
        <translation>暂无工伤与职业病劳动能力鉴定记录。</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Shift</source>
        <translation>大写</translation>
    </message>
    <message>
        <source>Capital letters</source>
        <translation>大写字母</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>{count} of {total} digits entered</source>
        <translation>已输入 {count} 位，共 {total} 位</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>清空已输入的数字</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Confirm PIN</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>PIN keypad</source>
        <translation>密码键盘</translation>
    </message>
</context>
<context>
    <name>LookupResultScreen</name>
    <message>
        <source>Voucher</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Your application has been received.</source>
        <translation>您的申请已受理。</translation>
    </message>
    <message>
        <source>Your new card is being made.</source>
        <translation>您的新卡正在制作中。</translation>
    </message>
    <message>
        <source>Your new card is ready. Bring your ID card (the original and a photocopy) and this voucher to collect it.</source>
        <translation>新卡已制作完成，请携带身份证原件及复印件和本凭证前往领取。</translation>
    </message>
    <message>
        <source>The new card has been collected.</source>
        <translation>新卡已领取。</translation>
    </message>
    <message>
        <source>Issued {date}, {time}</source>
        <translation>{date} {time} 开具</translation>
    </message>
    <message>
        <source>Voucher number {number}</source>
        <translation>凭证号 {number}</translation>
    </message>
    <message>
        <source>Cardholder: {name}</source>
        <translation>持卡人：{name}</translation>
    </message>
    <message>
        <source>Collect at</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Ready from</source>
        <translation>预计领卡日期</translation>
    </message>
    <message>
        <source>Lost the paper? You can print this voucher again once here.</source>
        <translation>凭证丢失了？可在本机补打一次。</translation>
    </message>
    <message>
        <source>Reprint my voucher</source>
        <translation>补打凭证</translation>
    </message>
    <message>
        <source>Already reprinted once: ask at a counter for another copy.</source>
        <translation>已在本机补打过一次，如需再次补打，请到服务窗口办理。</translation>
    </message>
    <message>
        <source>Your voucher</source>
        <translation>您的凭证</translation>
    </message>
    <message>
        <source>Your vouchers</source>
        <translation>您的凭证</translation>
    </message>
    <message>
        <source>Here is how your new card is coming along.</source>
        <translation>以下是您新卡的办理进度。</translation>
    </message>
    <message>
        <source>Here is what we found.</source>
        <translation>查询结果如下。</translation>
    </message>
    <message>
        <source>Printing your voucher…</source>
        <translation>正在打印凭证…</translation>
    </message>
    <message>
        <source>Your voucher {number} was printed again. Please take it.</source>
        <translation>凭证 {number} 已补打，请取走。</translation>
    </message>
    <message>
        <source>The voucher could not be printed. Please note or photograph the voucher number {number}; a counter can print it for you.</source>
        <translation>凭证未能打印。请记下或拍下凭证号 {number}，可到服务窗口为您打印。</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>We could not look this up. Please ask at a counter.</source>
        <translation>暂时无法查询，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Find your voucher</source>
        <translation>查询凭证</translation>
    </message>
    <message>
        <source>This code is not a voucher of this service. Please scan the QR code printed on your voucher, or find it by ID number.</source>
        <translation>扫描到的不是本服务的凭证二维码。请扫描凭证上印制的二维码，或改用身份证号码查询。</translation>
    </message>
    <message>
        <source>This voucher is genuine, but this kiosk has no record of it. Please ask at a service counter.</source>
        <translation>该凭证真实有效，但本机没有它的办理记录。请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>This cardholder has no vouchers from a kiosk.</source>
        <translation>该持卡人没有在自助终端办理过业务的凭证。</translation>
    </message>
    <message>
        <source>Scan the QR code on your voucher to see how far it is.</source>
        <translation>请扫描凭证上的二维码，查询办理进度。</translation>
    </message>
    <message>
        <source>No voucher at hand? Give the cardholder&apos;s ID and mobile numbers.</source>
        <translation>凭证不在身边？请输入持卡人身份证号码和预留手机号码。</translation>
    </message>
    <message>
        <source>Looking the voucher up…</source>
        <translation>正在查询凭证…</translation>
    </message>
    <message>
        <source>Waiting for the QR code…</source>
        <translation>等待扫描二维码…</translation>
    </message>
    <message>
        <source>Scan the voucher</source>
        <translation>扫描凭证</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>ID number and mobile number</source>
        <translation>身份证号码和预留手机号码</translation>
    </message>
    <message>
        <source>Hold the QR code under the scanner</source>
        <translation>请将二维码对准扫描窗口</translation>
    </message>
    <message>
        <source>Hold the QR code printed on your voucher over the kiosk&apos;s scanner window, about a hand&apos;s width away. As soon as the code is read, the kiosk looks the voucher up by itself.</source>
        <translation>将凭证上印制的二维码对准本机的扫描窗口，距离约一掌宽。识别成功后，本机将自动查询。</translation>
    </message>
    <message>
        <source>Registered mobile number</source>
        <translation>预留手机号码</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <source>What to bring when you collect the card</source>
        <translation>领卡时请携带以下材料</translation>
    </message>
    <message>
        <source>Please bring these things to the outlet. They are also printed on your voucher.</source>
        <translation>请携带以下材料到领卡网点，这些内容也会打印在凭证上。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>A photocopy alone is not enough.</source>
        <translation>仅有复印件不能办理。</translation>
    </message>
    <message>
        <source>You act for the cardholder, so bring your own ID card too.</source>
        <translation>您是代办人，还需携带您本人的身份证。</translation>
    </message>
    <message>
        <source>You get it at the end of this application. Keep it safe until then.</source>
        <translation>本次办理结束时打印，领卡前请妥善保管。</translation>
    </message>
    <message>
        <source>We have no ID photo of the cardholder on file, so a recent photo is needed.</source>
        <translation>系统中没有持卡人的证件照片，需提供近期照片。</translation>
    </message>
    <message>
        <source>{number}. {thing}</source>
        <translation>第{number}项&#x3000;{thing}</translation>
    </message>
</context>
<context>
    <name>MobileField</name>
    <message>
        <source>A mobile number starts with 1.</source>
        <translation>手机号码以 1 开头。</translation>
    </message>
    <message>
        <source>The second digit of a mobile number is 3 to 9.</source>
        <translation>手机号码第 2 位应为 3 至 9。</translation>
    </message>
    <message>
        <source>11 digits, starting with 1.</source>
        <translation>共 11 位，以 1 开头。</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <source>This kiosk is out of service</source>
        <translation>本机暂停服务</translation>
    </message>
    <message>
        <source>Please go to a service counter, or use another kiosk.</source>
        <translation>请到服务窗口办理，或使用其他自助服务机。</translation>
    </message>
    <message>
        <source>We are sorry for the inconvenience.</source>
        <translation>给您带来不便，敬请谅解。</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Reason code {code} · out of service for {duration} (since {time})</source>
        <translation>故障代码 {code} · 已暂停服务 {duration}（{time} 起）</translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>OutletRow</name>
    <message>
        <source>{outlet} (chosen)</source>
        <translation>{outlet}（已选择）</translation>
    </message>
</context>
<context>
    <name>OutletScreen</name>
    <message>
        <source>Where will you collect your new card?</source>
        <translation>请选择领卡网点</translation>
    </message>
    <message>
        <source>Tap the service outlet that suits you best. You will collect the card there.</source>
        <translation>请点击方便您前往的服务网点，新卡将在该网点领取。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>No outlet can hand out cards right now. Please ask at a service counter.</source>
        <translation>暂无可领卡的网点，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Choose an outlet to go on.</source>
        <translation>请选择一个网点后继续。</translation>
    </message>
</context>
<context>
    <name>OverviewSection</name>
    <message>
        <source>Insurance status</source>
        <translation>参保状态</translation>
    </message>
    <message>
        <source>Not insured</source>
        <translation>未参保</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Since {date}</source>
        <translation>自 {date} 起</translation>
    </message>
    <message>
        <source>No account on record.</source>
        <translation>暂无账户记录。</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>账户余额</translation>
    </message>
    <message>
        <source>Credited in {year}</source>
        <translation>{year}记入</translation>
    </message>
    <message>
        <source>Paid out in {year}</source>
        <translation>{year}支出</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
</context>
<context>
    <name>PickupScreen</name>
    <message>
        <source>When your new card will be ready</source>
        <translation>新卡领取时间</translation>
    </message>
    <message>
        <source>Your new card will be waiting at the outlet from the date below.</source>
        <translation>自以下日期起，可到领卡网点领取新卡。</translation>
    </message>
    <message>
        <source>Time needed</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
    <message>
        <source>The public holidays of {year} are not published yet, so this date may move. The outlet will confirm it.</source>
        <translation>{year} 年的节假日安排尚未公布，此日期可能调整，以领卡网点确认为准。</translation>
    </message>
    <message>
        <source>{days} working days</source>
        <translation>{days} 个工作日</translation>
    </message>
    <message>
        <source>Ready for collection from {date}</source>
        <translation>预计领卡日期：{date}</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>密码错误。仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} tries left.</source>
        <translation>密码错误，剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>You have {n} tries.</source>
        <translation>剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>Enter your card PIN</source>
        <translation>请输入社保卡密码</translation>
    </message>
    <message>
        <source>Type the 6-digit PIN of your social security card, then press OK.</source>
        <translation>请输入 6 位数字密码，然后按“确认”。</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>正在验证密码，请稍候…</translation>
    </message>
    <message>
        <source>Forgot your PIN? A counter can reset it when you show your ID card.</source>
        <translation>忘记密码？请携带身份证到服务窗口重置。</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>What to do now</source>
        <translation>请按以下步骤办理</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Cancel the loss report</source>
        <translation>解除挂失</translation>
    </message>
    <message>
        <source>Take the card out.</source>
        <translation>请取出社保卡。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card.</source>
        <translation>请携带本卡和身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>Your card could not be read</source>
        <translation>无法读取您的社保卡</translation>
    </message>
    <message>
        <source>The kiosk could not read the chip on this card.</source>
        <translation>本机未能读取这张卡的芯片信息。</translation>
    </message>
    <message>
        <source>Check that the chip is clean and not scratched.</source>
        <translation>检查芯片是否干净、有无划痕。</translation>
    </message>
    <message>
        <source>Insert it again with the chip facing up.</source>
        <translation>将芯片朝上，重新插入。</translation>
    </message>
    <message>
        <source>If it still cannot be read, a counter can help you.</source>
        <translation>如仍无法读取，请到服务窗口办理。</translation>
    </message>
    <message>
        <source>This is not a social security card</source>
        <translation>这不是社会保障卡</translation>
    </message>
    <message>
        <source>The card in the slot is another kind of chip card, such as a bank card.</source>
        <translation>插入的是其他芯片卡，例如银行卡。</translation>
    </message>
    <message>
        <source>Insert your social security card with the chip facing up.</source>
        <translation>请将社保卡芯片朝上插入。</translation>
    </message>
    <message>
        <source>This card cannot be read at this kiosk</source>
        <translation>本机暂不支持读取这张卡</translation>
    </message>
    <message>
        <source>Your card is a newer type that this kiosk cannot read. This does not mean that anything is wrong with it.</source>
        <translation>您的社保卡是新版卡，本机暂时无法读取，这并不表示卡片有问题。</translation>
    </message>
    <message>
        <source>A counter can show you your records. Bring your ID card.</source>
        <translation>如需查询个人权益记录，请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>We have no record of this card</source>
        <translation>系统中没有这张卡的记录</translation>
    </message>
    <message>
        <source>The social security system does not know this card. It may not have been activated yet.</source>
        <translation>社会保障信息系统中查不到这张卡，可能尚未启用。</translation>
    </message>
    <message>
        <source>This card has expired</source>
        <translation>这张卡已过有效期</translation>
    </message>
    <message>
        <source>This card expired on {date}.</source>
        <translation>这张卡的有效期已于 {date} 届满。</translation>
    </message>
    <message>
        <source>The validity period of this card has ended.</source>
        <translation>这张卡的有效期已届满。</translation>
    </message>
    <message>
        <source>Apply for a replacement card at a counter. Bring this card and your ID card.</source>
        <translation>请携带本卡和身份证，到服务窗口申请换卡。</translation>
    </message>
    <message>
        <source>This card is under a temporary loss report</source>
        <translation>这张卡已临时挂失</translation>
    </message>
    <message>
        <source>It was reported lost, so it is blocked for now to protect you.</source>
        <translation>为保护您的权益，临时挂失期间这张卡暂停使用。</translation>
    </message>
    <message>
        <source>If you have found your card, you can cancel the loss report here: tap Cancel the loss report and enter the card&apos;s PIN.</source>
        <translation>如已找回卡片，可在本机解除挂失：点击“解除挂失”，然后输入社保卡密码。</translation>
    </message>
    <message>
        <source>Otherwise, take the card out.</source>
        <translation>如不办理，请取出社保卡。</translation>
    </message>
    <message>
        <source>This card is under a temporary loss report and its PIN is blocked</source>
        <translation>这张卡已临时挂失，且密码已锁定</translation>
    </message>
    <message>
        <source>It was reported lost, so it is blocked for now to protect you. Its PIN was entered wrongly too many times, so the loss report cannot be cancelled at this kiosk.</source>
        <translation>为保护您的权益，临时挂失期间这张卡暂停使用。由于密码输错次数过多已被锁定，本机无法为这张卡解除挂失。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card. Staff there can unblock the PIN and cancel the loss report.</source>
        <translation>请携带本卡和身份证到服务窗口，由工作人员为您办理密码解锁和解除挂失。</translation>
    </message>
    <message>
        <source>This card has been replaced</source>
        <translation>这张卡已换发新卡</translation>
    </message>
    <message>
        <source>A new card was issued in its place, so this card can no longer be used.</source>
        <translation>已为您换发新卡，这张卡不能再使用。</translation>
    </message>
    <message>
        <source>Please use your new card.</source>
        <translation>请使用新卡。</translation>
    </message>
    <message>
        <source>The kiosk cannot connect to the social security system at the moment. This is not a fault of your card.</source>
        <translation>本机暂时无法连接社会保障信息系统，这不是您的社保卡的问题。</translation>
    </message>
    <message>
        <source>This card has been reported lost</source>
        <translation>这张卡已挂失</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used.</source>
        <translation>这张卡已正式挂失，不能再使用。</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used. Your new card is ready to collect.</source>
        <translation>这张卡已正式挂失，不能再使用。您的新卡已制作完成，可以领取。</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在即可领取</translation>
    </message>
    <message>
        <source>Ready for collection</source>
        <translation>领卡时间</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used. A new card is being made for you.</source>
        <translation>这张卡已正式挂失，不能再使用。您的新卡正在制作中。</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
    <message>
        <source>Ready from</source>
        <translation>预计领卡日期</translation>
    </message>
    <message>
        <source>Collect your new card at the outlet above. Bring your ID card and your card receipt voucher.</source>
        <translation>请携带身份证和领卡凭证，到上述网点领取新卡。</translation>
    </message>
    <message>
        <source>Collect at</source>
        <translation>领卡网点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>网点地址</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <source>For help, go to a counter with your ID card.</source>
        <translation>如需帮助，请携带身份证到服务窗口咨询。</translation>
    </message>
    <message>
        <source>This card has been cancelled</source>
        <translation>这张卡已注销</translation>
    </message>
    <message>
        <source>This card can no longer be used.</source>
        <translation>这张卡不能再使用。</translation>
    </message>
    <message>
        <source>To get a new card, go to a counter with your ID card.</source>
        <translation>如需办理新卡，请携带身份证到服务窗口申请。</translation>
    </message>
    <message>
        <source>Your card&apos;s PIN is blocked</source>
        <translation>社保卡密码已锁定</translation>
    </message>
    <message>
        <source>The PIN was entered wrongly too many times, so the card has locked it to protect you. No more tries are possible.</source>
        <translation>密码输错次数过多，为保护您的权益，卡片已锁定密码，不能再尝试。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card to unblock it.</source>
        <translation>请携带本卡和身份证到服务窗口办理密码解锁。</translation>
    </message>
    <message>
        <source>Your records cannot be reached right now</source>
        <translation>暂时无法查询您的记录</translation>
    </message>
    <message>
        <source>Please try again later, or go to a counter.</source>
        <translation>请稍后再试，或到服务窗口办理。</translation>
    </message>
    <message>
        <source>The card reader is not working right now</source>
        <translation>读卡器暂时无法使用</translation>
    </message>
    <message>
        <source>Until it is repaired, this kiosk cannot read cards.</source>
        <translation>在修复之前，本机暂时无法读取社保卡。</translation>
    </message>
    <message>
        <source>Please use a counter, or try again later.</source>
        <translation>请到服务窗口办理，或稍后再试。</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <source>Reading your card…</source>
        <translation>正在读取社保卡…</translation>
    </message>
    <message>
        <source>Please do not remove your card.</source>
        <translation>读卡过程中请勿拔出社保卡。</translation>
    </message>
</context>
<context>
    <name>ReceiptScreen</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Scan this code at a kiosk to look the voucher up.</source>
        <translation>在自助终端扫描此码可查询凭证</translation>
    </message>
    <message>
        <source>Collect your new card</source>
        <translation>领取新卡</translation>
    </message>
    <message>
        <source>Your card is now blocked</source>
        <translation>社保卡已临时挂失</translation>
    </message>
    <message>
        <source>The temporary loss report is recorded. If you find the card, you can undo it at this kiosk with the card and its PIN.</source>
        <translation>临时挂失已办理。如找回卡片，可持卡在本机输入密码解除挂失。</translation>
    </message>
    <message>
        <source>Your new card has been applied for</source>
        <translation>新卡申请已受理</translation>
    </message>
    <message>
        <source>The loss report is recorded and the old card no longer works.</source>
        <translation>挂失已办理，原卡已停止使用。</translation>
    </message>
    <message>
        <source>Your card works again</source>
        <translation>社保卡已恢复使用</translation>
    </message>
    <message>
        <source>The temporary loss report is cancelled. You can use the card at once.</source>
        <translation>临时挂失已解除，卡片可立即使用。</translation>
    </message>
    <message>
        <source>Printing your voucher…</source>
        <translation>正在打印凭证…</translation>
    </message>
    <message>
        <source>Please take your voucher and keep it safe.</source>
        <translation>请取走凭证并妥善保管。</translation>
    </message>
    <message>
        <source>The voucher could not be printed. Please note or photograph the voucher number and the QR code; you can reprint it at this kiosk (Voucher lookup) or at a counter.</source>
        <translation>凭证未能打印。请记下或拍下凭证号和二维码，之后可在本机或服务窗口补打。</translation>
    </message>
    <message>
        <source>Your voucher number: please write it down or take a photo</source>
        <translation>您的凭证号（请抄下或拍照保存）</translation>
    </message>
    <message>
        <source>Voucher number</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <source>Voucher number {number}</source>
        <translation>凭证号 {number}</translation>
    </message>
    <message>
        <source>QR code of the voucher</source>
        <translation>凭证二维码</translation>
    </message>
    <message>
        <source>From {date}</source>
        <translation>{date} 起可领取</translation>
    </message>
    <message>
        <source>From about {date} (the outlet will confirm the date)</source>
        <translation>约 {date} 起可领取（以网点确认为准）</translation>
    </message>
</context>
<context>
    <name>RecordsScreen</name>
    <message>
        <source>Overview</source>
        <translation>参保概况</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Work and skills</source>
        <translation>工作与技能</translation>
    </message>
    <message>
        <source>Work injuries</source>
        <translation>工伤记录</translation>
    </message>
    <message>
        <source>Statement printing</source>
        <translation>个人权益记录打印情况</translation>
    </message>
    <message>
        <source>ID number {ssn}</source>
        <translation>身份证号 {ssn}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Print statement</source>
        <translation>打印权益记录</translation>
    </message>
    <message>
        <source>Print {year} statement</source>
        <translation>打印{year}年权益记录</translation>
    </message>
    <message>
        <source>Print a statement of your records</source>
        <translation>打印个人权益记录</translation>
    </message>
    <message>
        <source>Print a statement of your records with the contributions of {year}</source>
        <translation>打印含{year}年缴费记录的个人权益记录</translation>
    </message>
    <message>
        <source>Printing your statement. Please wait…</source>
        <translation>正在打印个人权益记录，请稍候…</translation>
    </message>
    <message>
        <source>Printing your {year} statement. Please wait…</source>
        <translation>正在打印{year}年个人权益记录，请稍候…</translation>
    </message>
    <message>
        <source>Your statement is printed. Please take it from the printer.</source>
        <translation>个人权益记录已打印，请从出纸口取走。</translation>
    </message>
    <message>
        <source>Your {year} statement is printed. Please take it from the printer.</source>
        <translation>{year}年个人权益记录已打印，请从出纸口取走。</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>打印机缺纸</translation>
    </message>
    <message>
        <source>the printer is not available</source>
        <translation>打印机不可用</translation>
    </message>
    <message>
        <source>the printer reported a fault</source>
        <translation>打印机故障</translation>
    </message>
    <message>
        <source>The statement could not be printed: {reason}. Please ask at a counter.</source>
        <translation>个人权益记录未能打印：{reason}。请到服务窗口咨询。</translation>
    </message>
</context>
<context>
    <name>RefusedScreen</name>
    <message>
        <source>What to do now</source>
        <translation>请按以下步骤办理</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Go to a service counter with your ID card.</source>
        <translation>请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>To see how far your new card is, tap Voucher / reissue progress on the start screen.</source>
        <translation>如需查看新卡办理进度，请在首页点击“领卡凭证 / 补卡进度查询”。</translation>
    </message>
    <message>
        <source>Your details do not match our records</source>
        <translation>信息核验未通过</translation>
    </message>
    <message>
        <source>The ID number and mobile number do not match our records. Check both and try again.</source>
        <translation>身份证号码或预留手机号码有误，请核对后重试。</translation>
    </message>
    <message>
        <source>If your mobile number has changed, a service counter can update it.</source>
        <translation>如预留手机号码已变更，可到服务窗口办理变更。</translation>
    </message>
    <message>
        <source>This ID number is locked for now</source>
        <translation>该身份证号码已暂停核验</translation>
    </message>
    <message>
        <source>The mobile number given for this ID number was wrong too many times, so to protect the cardholder it cannot be used to identify at any kiosk until {when}.</source>
        <translation>该身份证号码对应的手机号码输错次数过多。为保护持卡人权益，{when}前不能在任何自助终端用于身份核验。</translation>
    </message>
    <message>
        <source>The mobile number given for this ID number was wrong too many times, so to protect the cardholder it cannot be used to identify at a kiosk for now.</source>
        <translation>该身份证号码对应的手机号码输错次数过多。为保护持卡人权益，暂时不能在自助终端用于身份核验。</translation>
    </message>
    <message>
        <source>Go to a service counter with your ID card: staff can help at once.</source>
        <translation>请携带身份证到服务窗口，工作人员可当场为您办理。</translation>
    </message>
    <message>
        <source>This kiosk has paused checking details</source>
        <translation>本机已暂停身份与凭证核验</translation>
    </message>
    <message>
        <source>There were many wrong attempts at this kiosk in a short time, so it does not check ID numbers or vouchers until {when}. Inserting a social security card still works.</source>
        <translation>本机短时间内出现多次错误尝试，{when}前暂停核验身份证号码和凭证。插入社保卡办理的业务不受影响。</translation>
    </message>
    <message>
        <source>There were many wrong attempts at this kiosk in a short time, so it does not check ID numbers or vouchers for now. Inserting a social security card still works.</source>
        <translation>本机短时间内出现多次错误尝试，暂停核验身份证号码和凭证。插入社保卡办理的业务不受影响。</translation>
    </message>
    <message>
        <source>Or try again at this kiosk after that time.</source>
        <translation>或在上述时间之后再到本机办理。</translation>
    </message>
    <message>
        <source>This is not a voucher of this service</source>
        <translation>这不是本服务的凭证</translation>
    </message>
    <message>
        <source>The code scanned is not the QR code of a voucher printed by a kiosk.</source>
        <translation>扫描到的不是自助终端打印的凭证二维码。</translation>
    </message>
    <message>
        <source>Bring the voucher to a service counter with your ID card.</source>
        <translation>请携带凭证和身份证到服务窗口咨询。</translation>
    </message>
    <message>
        <source>Please look the voucher up again</source>
        <translation>请重新查询凭证</translation>
    </message>
    <message>
        <source>To see or reprint a voucher, scan its QR code or give the cardholder&apos;s ID number and mobile number again.</source>
        <translation>查看或补打凭证，需要重新扫描凭证二维码，或重新输入持卡人身份证号码和预留手机号码。</translation>
    </message>
    <message>
        <source>Tap Voucher / reissue progress on the start screen.</source>
        <translation>请在首页点击“领卡凭证 / 补卡进度查询”。</translation>
    </message>
    <message>
        <source>This card has already been reported lost</source>
        <translation>这张卡已正式挂失</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it cannot be reported or replaced here again.</source>
        <translation>这张卡已办理正式挂失，不能在本机再次挂失或补卡。</translation>
    </message>
    <message>
        <source>For anything else, go to a service counter with your ID card.</source>
        <translation>如需办理其他业务，请携带身份证到服务窗口。</translation>
    </message>
    <message>
        <source>This card has been cancelled</source>
        <translation>这张卡已注销</translation>
    </message>
    <message>
        <source>The card can no longer be used, and this kiosk cannot replace it.</source>
        <translation>这张卡已不能使用，本机无法为其补换。</translation>
    </message>
    <message>
        <source>To get a new card, go to a service counter with your ID card.</source>
        <translation>如需办理新卡，请携带身份证到服务窗口申请。</translation>
    </message>
    <message>
        <source>A new card is already being made</source>
        <translation>新卡正在办理中</translation>
    </message>
    <message>
        <source>You have already applied for a new card, so you cannot apply again now.</source>
        <translation>您已申请过新卡，目前不能重复申请。</translation>
    </message>
    <message>
        <source>Collect the new card with the voucher you were given.</source>
        <translation>请凭领卡凭证领取新卡。</translation>
    </message>
    <message>
        <source>We have no record of this card</source>
        <translation>系统中没有这张卡的记录</translation>
    </message>
    <message>
        <source>The social security system does not know this card.</source>
        <translation>社会保障信息系统中查不到这张卡。</translation>
    </message>
    <message>
        <source>Go to a service counter with this card and your ID card.</source>
        <translation>请携带本卡和身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>There is no loss report to cancel</source>
        <translation>这张卡未挂失，无需解挂</translation>
    </message>
    <message>
        <source>This card is not under a temporary loss report.</source>
        <translation>这张卡不处于临时挂失状态。</translation>
    </message>
    <message>
        <source>If the card does not work, go to a service counter with your ID card.</source>
        <translation>如卡片无法正常使用，请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>The service is not available right now</source>
        <translation>业务暂时无法办理</translation>
    </message>
    <message>
        <source>The kiosk cannot reach the social security system at the moment. Nothing was recorded.</source>
        <translation>本机暂时无法连接社会保障信息系统，本次业务未办理。</translation>
    </message>
    <message>
        <source>Try again in a few minutes: tap Try again.</source>
        <translation>请几分钟后点击“重试”。</translation>
    </message>
    <message>
        <source>Or go to a service counter with your ID card.</source>
        <translation>或携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>This voucher was already reprinted</source>
        <translation>该凭证已补打过</translation>
    </message>
    <message>
        <source>A voucher can be reprinted at the kiosk only once.</source>
        <translation>每张凭证在自助机上只能补打一次。</translation>
    </message>
    <message>
        <source>A service counter can print it again for you. Bring your ID card.</source>
        <translation>请携带身份证到服务窗口补打。</translation>
    </message>
    <message>
        <source>No voucher was found</source>
        <translation>未找到凭证</translation>
    </message>
    <message>
        <source>We found no voucher with these details.</source>
        <translation>未找到与所填信息相符的凭证。</translation>
    </message>
    <message>
        <source>Scan the QR code on the voucher again.</source>
        <translation>请重新扫描凭证上的二维码。</translation>
    </message>
    <message>
        <source>This cannot be done here</source>
        <translation>本机无法办理此业务</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Your card is blocked at once. You can undo this at this kiosk with the card and its PIN.</source>
        <translation>卡片将立即暂停使用。找回后，可持卡在本机输入密码解除挂失。</translation>
    </message>
    <message>
        <source>This cannot be undone. The old card stops working at once, even if you find it. A new card will be made.</source>
        <translation>办理后不能撤销。原卡立即停止使用，即使找回也不能再用。系统将为您制作新卡。</translation>
    </message>
    <message>
        <source>Your card will work again at once.</source>
        <translation>卡片将立即恢复使用。</translation>
    </message>
    <message>
        <source>Your current card keeps working until you collect the new one.</source>
        <translation>领取新卡前，您现在的卡仍可继续使用。</translation>
    </message>
    <message>
        <source>What happens to your card</source>
        <translation>对您卡片的影响</translation>
    </message>
    <message>
        <source>Please check the details</source>
        <translation>请核对办理信息</translation>
    </message>
    <message>
        <source>Read what will happen to the card. If something is wrong, tap Back.</source>
        <translation>请阅读办理后对卡片的影响。如有错误，请点击“返回”。</translation>
    </message>
    <message>
        <source>All correct</source>
        <translation>信息无误</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>{name} ({relationship})</source>
        <translation>{name}（关系：{relationship}）</translation>
    </message>
    <message>
        <source>About {date}</source>
        <translation>约 {date}</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Counter clerk</source>
        <translation>窗口柜员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Staff mode · {name} ({role})</source>
        <translation>工作人员模式 · {name}（{role}）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Wrong code. 1 more wrong code closes the service entry for a while.</source>
        <translation>代码错误。再错 1 次，服务入口将暂时关闭。</translation>
    </message>
    <message>
        <source>Wrong code. Please try again.</source>
        <translation>代码错误，请重新输入。</translation>
    </message>
    <message>
        <source>The service entry is not available on this kiosk.</source>
        <translation>本机未开放服务入口。</translation>
    </message>
    <message>
        <source>Too many wrong codes. The service entry is closed until {until}.</source>
        <translation>代码错误次数过多，服务入口关闭至 {until}。</translation>
    </message>
    <message>
        <source>The staff ID or the password is wrong. Please try again.</source>
        <translation>工号或密码错误，请重新输入。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until {until}. An administrator can reset it.</source>
        <translation>密码错误次数过多，该账号已锁定至 {until}。管理员可重置密码。</translation>
    </message>
    <message>
        <source>This account is disabled. Please ask an administrator.</source>
        <translation>该账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>The kiosk&apos;s database did not answer. Please try again in a moment.</source>
        <translation>本机数据库未响应，请稍后再试。</translation>
    </message>
    <message>
        <source>Leaving kiosk mode could not be recorded in the audit log, so the kiosk stays in kiosk mode. Check the database (diagnostics), then try again.</source>
        <translation>退出自助模式未能记入审计日志，因此本机仍保持自助模式。请检查数据库（诊断）后重试。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Enter the service code.</source>
        <translation>请输入服务代码。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Staff login: your staff ID and password</source>
        <translation>工作人员登录：请输入工号和密码</translation>
    </message>
    <message>
        <source>Staff ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Service menu</source>
        <translation>服务菜单</translation>
    </message>
    <message>
        <source>Choose what to do. You are logged out after 2 minutes idle.</source>
        <translation>请选择要办理的事项。无操作 2 分钟后将自动退出登录。</translation>
    </message>
    <message>
        <source>Leave kiosk mode (maintenance)</source>
        <translation>退出自助模式（维护）</translation>
    </message>
    <message>
        <source>Your role has nothing here yet. Diagnostics come with the technician&apos;s screens.</source>
        <translation>您的角色在此暂无可用功能。诊断功能将随技术员界面提供。</translation>
    </message>
    <message>
        <source>Leave kiosk mode?</source>
        <translation>退出自助模式？</translation>
    </message>
    <message>
        <source>For maintenance only.</source>
        <translation>仅用于维护。</translation>
    </message>
    <message>
        <source>The kiosk program ends and citizens cannot use this kiosk until it is started again (systemctl start sscard-kiosk, or a restart). This is recorded in the audit log with your name.</source>
        <translation>自助机程序将结束，在重新启动前（systemctl start sscard-kiosk 或重启）市民无法使用本机。此操作将以您的姓名记入审计日志。</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>退出自助模式</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>检测中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务系统</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Your card</source>
        <translation>卡片信息</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <source>Your records</source>
        <translation>查看记录</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {step}</source>
        <translation>第 {n} 步，共 {total} 步：{step}</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>办理步骤</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <source>Your request</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>核对信息</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认办理</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>领卡凭证</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查询凭证</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>查询结果</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>View my records</source>
        <translation>查看个人权益记录</translation>
    </message>
    <message>
        <source>Replace a damaged card</source>
        <translation>损坏换卡</translation>
    </message>
    <message>
        <source>Card status: {status}</source>
        <translation>卡片状态：{status}</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Not on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Your social security card</source>
        <translation>您的社会保障卡</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Social security number</source>
        <translation>社会保障号码</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Next, you will enter your card&apos;s 6-digit PIN.</source>
        <translation>下一步需要输入 6 位社保卡密码。</translation>
    </message>
    <message>
        <source>Please take your card with you when you are done.</source>
        <translation>办理完毕后，请记得取走社保卡。</translation>
    </message>
</context>
<context>
    <name>TextPad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last character</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Dash</source>
        <translation>短横线</translation>
    </message>
    <message>
        <source>Letter X</source>
        <translation>字母 X</translation>
    </message>
    <message>
        <source>Number keypad</source>
        <translation>数字键盘</translation>
    </message>
    <message>
        <source>Letter and number keypad</source>
        <translation>字母数字键盘</translation>
    </message>
</context>
<context>
    <name>VoucherField</name>
    <message>
        <source>This voucher number does not add up: a character may be mistyped. Please compare it with your voucher.</source>
        <translation>凭证号校验未通过，可能有字符输错，请与凭证核对。</translation>
    </message>
    <message>
        <source>Letters and digits as printed under the QR code. Dashes are optional.</source>
        <translation>按二维码下方印的字母和数字输入，短横线可不输。</translation>
    </message>
</context>
<context>
    <name>WhatHappenedScreen</name>
    <message>
        <source>Card status: {status}</source>
        <translation>卡片状态：{status}</translation>
    </message>
    <message>
        <source>This card is already under a temporary loss report. You can still report it lost for good.</source>
        <translation>这张卡已临时挂失，仍可办理正式挂失。</translation>
    </message>
    <message>
        <source>Not possible for this card.</source>
        <translation>这张卡不能办理此项业务。</translation>
    </message>
    <message>
        <source>A new card is already being made for you: see Voucher / reissue progress.</source>
        <translation>您的新卡已在办理中，可在首页“领卡凭证 / 补卡进度查询”中查看。</translation>
    </message>
    <message>
        <source>Not possible for this card. Please ask at a counter.</source>
        <translation>这张卡不能办理此项业务，请到服务窗口咨询。</translation>
    </message>
    <message>
        <source>What happened to the card?</source>
        <translation>卡片出了什么情况？</translation>
    </message>
    <message>
        <source>Choose one. Nothing is done yet: you will see what it means and confirm.</source>
        <translation>请选择一项。现在还不会办理：下一步会说明对卡片的影响，再请您确认。</translation>
    </message>
    <message>
        <source>Cardholder</source>
        <translation>持卡人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Card status</source>
        <translation>卡片状态</translation>
    </message>
    <message>
        <source>Can be undone</source>
        <translation>可解挂</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>不可撤销</translation>
    </message>
    <message>
        <source>For a card you may still find. It is blocked at once. If it turns up, you can undo this at this kiosk with the card and its PIN.</source>
        <translation>适用于可能找回的卡片。卡片立即停用，找回后可持卡在本机输入密码解挂。</translation>
    </message>
    <message>
        <source>Lost: report it and get a new card</source>
        <translation>丢失补卡</translation>
    </message>
    <message>
        <source>The card stops working for good. A new card is made for you to collect.</source>
        <translation>正式挂失，原卡永久停用。为您制作新卡，到网点领取。</translation>
    </message>
    <message>
        <source>Stolen: report it and get a new card</source>
        <translation>被盗补卡</translation>
    </message>
    <message>
        <source>As for a lost card, and recorded as stolen. A new card is made for you.</source>
        <translation>正式挂失并登记为被盗，原卡永久停用。为您制作新卡。</translation>
    </message>
</context>
<context>
    <name>WorkSection</name>
    <message>
        <source>Work history</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>职业资格</translation>
    </message>
    <message>
        <source>No work history on record.</source>
        <translation>暂无工作经历记录。</translation>
    </message>
    <message>
        <source>present</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>No qualifications on record.</source>
        <translation>暂无职业资格记录。</translation>
    </message>
    <message>
        <source>Certificate no. {number}</source>
        <translation>证书编号：{number}</translation>
    </message>
    <message>
        <source>Issued on {date} by {issuer}</source>
        <translation>{date} 由{issuer}颁发</translation>
    </message>
</context>
</TS>
